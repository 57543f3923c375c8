package org.mbccds.cards;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

@ConfigMapping(prefix = "mbc.cards")
public interface CardsConfig {
    /** Absolute URL of a 100x100 PNG shown as the source icon; omitted when not set. */
    Optional<String> iconUrl();

    /** The ClinicalTrials.gov website search the trial card links to (therapy-rules §D2). */
    @WithDefault("https://clinicaltrials.gov/search")
    String trialSearchUrl();
}
