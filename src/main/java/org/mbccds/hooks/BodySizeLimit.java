package org.mbccds.hooks;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import org.mbccds.record.Limits;

/**
 * The body-size limit answered as every other refusal (a JSON OperationOutcome, CORS headers included), before a
 * byte of an oversized body is read. Quarkus's own limit answers an empty 413 and drops the connection, which a
 * CDS client (or the sandbox in a browser) can only report as a network error.
 */
@ApplicationScoped
class BodySizeLimit {
    /** Below the CORS filter (which runs first and adds its headers), above everything that reads the body. */
    private static final int PRIORITY = 100;

    private final long maxBytes;
    private final byte[] answer;

    BodySizeLimit(Limits limits) {
        this.maxBytes = limits.maxBodySize().asLongValue();
        this.answer = ErrorResponses.json(tooLarge(maxBytes));
    }

    static HookError tooLarge(long maxBytes) {
        return new HookError(413, "The request body is larger than " + maxBytes + " bytes (mbc.limits.max-body-size);"
                + " send a smaller prefetch (fewer or narrower keys) and let the service read the rest from fhirServer");
    }

    long maxBytes() {
        return maxBytes;
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && rc.request().method() == HttpMethod.POST && overLimit(length)) {
                rc.response().setStatusCode(Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode())
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        // The unread body is still on the wire: this connection cannot carry another request.
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(io.vertx.core.buffer.Buffer.buffer(answer));
                return;
            }
            rc.next();
        }, PRIORITY);
    }

    private boolean overLimit(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            // Vert.x refuses a malformed Content-Length itself; nothing to decide here.
            return false;
        }
    }
}
