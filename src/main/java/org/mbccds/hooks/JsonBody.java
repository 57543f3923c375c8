package org.mbccds.hooks;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** Request bodies are read as bytes so malformed JSON gets our own clear 400, not a framework default. */
final class JsonBody {
    private JsonBody() {
    }

    /** @param expected what the body should be, for the message: "a CDS Hooks request" */
    static JsonNode read(ObjectMapper mapper, byte[] body, String expected) {
        if (body == null || body.length == 0) {
            throw HookError.badRequest("The request body is empty; send " + expected + " as JSON");
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            // Some failures (the nesting limit) carry no location.
            JsonLocation at = e.getLocation();
            throw HookError.badRequest("The request body is not valid JSON" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw HookError.badRequest("The request body could not be read");
        }
    }
}
