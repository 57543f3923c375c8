package org.mbccds.hooks.auth;

import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The application clock stopped inside the lifetime of the sandbox tokens captured in
 * src/test/resources/examples/requests/sandbox (iat 17:49:30-17:49:46Z, exp 17:54:30-17:54:46Z on 2026-11-23).
 * Enabled only by {@link SandboxAtCaptureTimeProfile}.
 */
@Alternative
@Singleton
public class CapturedTimeClock {
    static final Instant CAPTURE_TIME = Instant.ofEpochSecond(1795456200L);

    @Produces
    @Alternative
    @Singleton
    Clock clock() {
        return Clock.fixed(CAPTURE_TIME, ZoneOffset.UTC);
    }
}
