package org.mbccds.validation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Record validation (POST /fhir/{type}/$validate); see README "Validating a record". */
@ConfigMapping(prefix = "mbc.validation")
public interface ValidationConfig {
    /**
     * Validations running at once; one more is refused with 503 instead of waiting, so validations never hold more
     * than this many worker threads (the hooks share the pool) or this many records' worth of validator heap.
     */
    @WithDefault("2")
    int maxConcurrent();
}
