package org.mbccds.hooks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's hookInstance reaches the log bounded and on one line (mutated requests sent megabytes and newlines). */
class LoggableHookInstanceTest {
    @Test
    void aUuidIsLoggedAsSent() {
        assertThat(CdsServiceHandler.loggable("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"))
                .isEqualTo("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
    }

    @Test
    void hugeOrForgingValuesAreCutAndMasked() {
        assertThat(CdsServiceHandler.loggable("x".repeat(1_000_000))).hasSize(67).endsWith("...");
        assertThat(CdsServiceHandler.loggable("a\nINFO forged line")).isEqualTo("a?INFO?forged?line");
    }
}
