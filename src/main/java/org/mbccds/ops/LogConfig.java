package org.mbccds.ops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "mbc.log")
public interface LogConfig {
    /**
     * One JSON object per line on the console (for log collectors), with the hookInstance of the call in
     * {@code mdc.hookInstance}. On in the prod profile; plain text in dev and test, where people read the lines.
     */
    @WithDefault("false")
    boolean json();
}
