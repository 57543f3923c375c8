package org.mbccds.record;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "mbc.fhir")
public interface RecordConfig {
    /** Longest wait for one FHIR server query (each page and each Medication read), within the request budget. */
    @WithDefault("1500ms")
    Duration queryTimeout();

    /** Pages followed per search; a record larger than this is read in part and reported as a gap. */
    @WithDefault("10")
    int maxPages();
}
