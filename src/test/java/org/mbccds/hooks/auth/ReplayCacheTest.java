package org.mbccds.hooks.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCacheTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));

    @Test
    void aJtiIsAcceptedOncePerIssuerUntilItsTokenExpires() {
        ReplayCache cache = new ReplayCache(10, clock);
        Instant exp = clock.instant().plusSeconds(300);
        assertThat(cache.firstUse("iss-a", "jti-1", exp)).isEqualTo(ReplayCache.Outcome.FIRST_USE);
        assertThat(cache.firstUse("iss-a", "jti-1", exp)).isEqualTo(ReplayCache.Outcome.REPLAYED);
        assertThat(cache.firstUse("iss-b", "jti-1", exp)).isEqualTo(ReplayCache.Outcome.FIRST_USE);
        clock.advance(Duration.ofSeconds(299));
        assertThat(cache.firstUse("iss-a", "jti-1", exp)).isEqualTo(ReplayCache.Outcome.REPLAYED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.size()).isZero();
    }

    @Test
    void itHoldsAtMostItsSizeAndFreesRoomAsTokensExpire() {
        ReplayCache cache = new ReplayCache(3, clock);
        Instant soon = clock.instant().plusSeconds(60);
        Instant later = clock.instant().plusSeconds(600);
        assertThat(cache.firstUse("i", "a", soon)).isEqualTo(ReplayCache.Outcome.FIRST_USE);
        assertThat(cache.firstUse("i", "b", later)).isEqualTo(ReplayCache.Outcome.FIRST_USE);
        assertThat(cache.firstUse("i", "c", later)).isEqualTo(ReplayCache.Outcome.FIRST_USE);
        assertThat(cache.firstUse("i", "d", later)).isEqualTo(ReplayCache.Outcome.FULL);
        assertThat(cache.firstUse("i", "a", soon)).isEqualTo(ReplayCache.Outcome.REPLAYED);
        clock.advance(Duration.ofSeconds(61));
        assertThat(cache.firstUse("i", "d", later)).isEqualTo(ReplayCache.Outcome.FIRST_USE);
        assertThat(cache.firstUse("i", "b", later)).isEqualTo(ReplayCache.Outcome.REPLAYED);
        assertThat(cache.size()).isEqualTo(3);
    }
}
