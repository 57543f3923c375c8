package org.mbccds.hooks.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The jti values of accepted tokens, each kept until its token could no longer be accepted (exp plus the clock skew),
 * so a token is accepted once. Bounded: when {@code maxEntries} unexpired jtis are held, new tokens are refused
 * (fail closed) rather than old entries dropped (which would let their tokens be replayed). In memory: one instance
 * of the service; several instances behind a load balancer would each keep their own.
 */
@ApplicationScoped
public class ReplayCache {

    public enum Outcome { FIRST_USE, REPLAYED, FULL }

    private record Entry(String key, long expiresAtMillis) {
    }

    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Long> seen = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.expiresAtMillis, b.expiresAtMillis));

    @Inject
    ReplayCache(AuthConfig config, Clock clock) {
        this(config.replayCacheSize(), clock);
    }

    ReplayCache(int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalStateException("mbc.auth.replay-cache-size must be at least 1");
        }
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** Records the first use of {@code jti} from {@code issuer}, remembered until {@code keepUntil}. */
    public synchronized Outcome firstUse(String issuer, String jti, Instant keepUntil) {
        long now = clock.millis();
        dropExpired(now);
        String key = issuer + '\n' + jti;
        if (seen.containsKey(key)) {
            return Outcome.REPLAYED;
        }
        if (seen.size() >= maxEntries) {
            return Outcome.FULL;
        }
        long until = keepUntil.toEpochMilli();
        if (until > now) {
            seen.put(key, until);
            byExpiry.add(new Entry(key, until));
        }
        return Outcome.FIRST_USE;
    }

    synchronized int size() {
        dropExpired(clock.millis());
        return seen.size();
    }

    private void dropExpired(long now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresAtMillis <= now) {
            Entry e = byExpiry.poll();
            seen.remove(e.key, e.expiresAtMillis);
        }
    }
}
