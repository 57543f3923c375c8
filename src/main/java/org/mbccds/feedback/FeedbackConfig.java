package org.mbccds.feedback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "mbc.feedback")
public interface FeedbackConfig {
    /**
     * Where the embedded H2 database keeps feedback (without the {@code .mv.db} suffix), relative to the working
     * directory or absolute. Used by {@code quarkus.datasource.jdbc.url}; ignored when PostgreSQL is active.
     */
    @WithDefault("./data/feedback")
    String h2File();

    /** Most feedback items one request may carry; a larger batch gets 413 and is not stored. */
    @WithDefault("1000")
    int maxItems();
}
