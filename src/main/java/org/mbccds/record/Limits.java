package org.mbccds.record;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds on what one call may make the service read, so one request cannot take the memory or time of all others. */
@ConfigMapping(prefix = "mbc.limits")
public interface Limits {
    int DEFAULT_MAX_RESOURCES = 10_000;
    int DEFAULT_MAX_NESTING_DEPTH = 200;

    /**
     * Request body of a service call or feedback. Over it: 413 with an OperationOutcome. Checked on Content-Length
     * before the body is read, and on the body itself for chunked requests (quarkus.http.limits.max-body-size must be
     * larger: above that, Quarkus itself answers an empty 413 and closes the connection).
     */
    @WithDefault("10M")
    io.quarkus.runtime.configuration.MemorySize maxBodySize();

    /**
     * Resources in one record. Over it in the prefetch: 413 naming the key. Over it from the FHIR server: the rest is
     * not read and a data-gap card says so (the server's size is not the client's mistake).
     */
    @WithDefault("" + DEFAULT_MAX_RESOURCES)
    int maxResources();

    /**
     * JSON nesting of a request body. FHIR R4 resources nest a few dozen levels at most; far deeper is hostile and
     * would cost stack in every tree walk. Over it: 400 naming the limit.
     */
    @WithDefault("" + DEFAULT_MAX_NESTING_DEPTH)
    int maxNestingDepth();
}
