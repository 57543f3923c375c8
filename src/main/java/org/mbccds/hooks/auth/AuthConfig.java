package org.mbccds.hooks.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CDS Hooks client authentication (CDS Hooks 2.0 "Trusting CDS Clients"): every call to {@code /cds-services...}
 * carries {@code Authorization: Bearer <JWT>} signed by a trusted CDS client. See README "Authentication".
 */
@ConfigMapping(prefix = "mbc.auth")
public interface AuthConfig {
    /** Require a client JWT. Off only in the dev and test profiles; production with no issuer refuses every call. */
    @WithDefault("true")
    boolean enabled();

    /** Trusted CDS clients, by a name of our choosing ({@code mbc.auth.issuers.<name>.*}). */
    Map<String, Issuer> issuers();

    /** Allowed difference between the client's clock and ours for exp, iat and nbf. */
    @WithDefault("30s")
    Duration clockSkew();

    /** Least time between two JWKS re-reads triggered by a token whose kid we do not know. */
    @WithDefault("30s")
    Duration jwksRefreshInterval();

    /** Connect and read timeout of one JWKS download. */
    @WithDefault("3s")
    Duration jwksTimeout();

    /** Most jti values remembered at once (each until its token expires); when full, new tokens are refused. */
    @WithDefault("10000")
    int replayCacheSize();

    interface Issuer {
        /** The exact {@code iss} value of the client's tokens. */
        String issuer();

        /** Where the client's public keys are: an http(s) URL, {@code file:<path>} or {@code classpath:<resource>}. */
        String jwks();

        /** Allowed {@code jku} header values; a token with any other jku (or with a jku when none is listed) is refused. */
        Optional<List<String>> jku();

        /** When set, the token's {@code tenant} claim must be one of these. */
        Optional<List<String>> tenants();
    }
}
