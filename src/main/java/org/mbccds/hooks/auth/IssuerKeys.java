package org.mbccds.hooks.auth;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One issuer's verification keys. A kid we do not know triggers one re-read of the JWKS (the client may have rotated
 * its keys), at most once per {@code minRefreshInterval}, so tokens with made-up kids cannot make us hammer the
 * client's JWKS endpoint.
 */
final class IssuerKeys {
    private final JwksSource source;
    private final Clock clock;
    private final long minRefreshMillis;
    private final VerificationJwkSelector selector = new VerificationJwkSelector();
    private final Object refreshLock = new Object();
    private boolean refreshed;
    private long lastRefreshMillis;

    IssuerKeys(JwksSource source, Clock clock, Duration minRefreshInterval) {
        this.source = source;
        this.clock = clock;
        this.minRefreshMillis = minRefreshInterval.toMillis();
    }

    JwksSource source() {
        return source;
    }

    /**
     * The key for this signature's kid, kty and alg (jose4j's selector), or empty when there is none.
     *
     * @throws IOException    the JWKS could not be downloaded
     * @throws JoseException the JWKS is not a JWK Set
     */
    Optional<JsonWebKey> keyFor(JsonWebSignature jws) throws IOException, JoseException {
        JsonWebKey key = selector.select(jws, source.keys());
        if (key != null || !mayRefresh()) {
            return Optional.ofNullable(key);
        }
        source.refresh();
        return Optional.ofNullable(selector.select(jws, source.keys()));
    }

    private boolean mayRefresh() {
        synchronized (refreshLock) {
            long now = clock.millis();
            if (refreshed && now - lastRefreshMillis < minRefreshMillis) {
                return false;
            }
            refreshed = true;
            lastRefreshMillis = now;
            return true;
        }
    }
}
