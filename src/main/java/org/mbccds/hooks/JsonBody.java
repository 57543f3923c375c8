package org.mbccds.hooks;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.mbccds.record.Limits;

import java.io.IOException;

/**
 * Request bodies are read as bytes so malformed JSON gets our own clear 400, not a framework default. Every resource
 * reads its body here, so the size limit holds for each of them: BodySizeLimit refuses on Content-Length before the
 * body is read, and this checks the body itself, which a chunked request sends without one.
 */
@Singleton
final class JsonBody {
    private final ObjectMapper mapper;
    private final long maxBytes;

    @Inject
    JsonBody(ObjectMapper mapper, Limits limits) {
        this(mapper, limits.maxBodySize().asLongValue());
    }

    JsonBody(ObjectMapper mapper, long maxBytes) {
        this.mapper = mapper;
        this.maxBytes = maxBytes;
    }

    /** @param expected what the body should be, for the message: "a CDS Hooks request" */
    JsonNode read(byte[] body, String expected) {
        if (body == null || body.length == 0) {
            throw HookError.badRequest("The request body is empty; send " + expected + " as JSON");
        }
        if (body.length > maxBytes) {
            throw BodySizeLimit.tooLarge(maxBytes);
        }
        try {
            return mapper.readTree(body);
        } catch (StreamConstraintsException e) {
            throw HookError.badRequest("The request body exceeds a JSON limit: " + constraint(mapper, e)
                    + "; no FHIR resource nests that deep or long");
        } catch (JsonProcessingException e) {
            // Some failures (the nesting limit) carry no location.
            JsonLocation at = e.getLocation();
            throw HookError.badRequest("The request body is not valid JSON" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw HookError.badRequest("The request body could not be read");
        }
    }

    /** Which limit, in our configuration's terms; Jackson's own message names its API, not our setting. */
    private static String constraint(ObjectMapper mapper, StreamConstraintsException e) {
        StreamReadConstraints limits = mapper.getFactory().streamReadConstraints();
        String m = String.valueOf(e.getMessage());
        if (m.contains("nesting depth")) {
            return "nested deeper than " + limits.getMaxNestingDepth() + " levels (mbc.limits.max-nesting-depth)";
        }
        if (m.contains("String value length")) {
            return "a string longer than " + limits.getMaxStringLength() + " characters";
        }
        if (m.contains("Number value length")) {
            return "a number longer than " + limits.getMaxNumberLength() + " digits";
        }
        return "a JSON value over the parser's size limits";
    }
}
