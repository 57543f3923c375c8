package org.mbccds.hooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "mbc.hooks")
public interface HooksConfig {
    /** Time budget of one hook call; FHIR server reads stop when it runs out and we answer with what is known. */
    @WithDefault("2s")
    Duration requestBudget();
}
