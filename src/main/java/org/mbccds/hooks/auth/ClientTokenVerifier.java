package org.mbccds.hooks.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a CDS client's bearer JWT (CDS Hooks 2.0 "Trusting CDS Clients" and the cds-hooks.org best practices), in
 * this order: iss allowlisted, aud is the URL called, exp not passed, iat present and not in the future (and nbf, when
 * sent, reached), tenant allowlisted when the issuer lists tenants, header typ JWT / asymmetric alg / kid, signature
 * with the issuer's key, jku allowlisted when sent, jti not seen before. Claims are read before the signature is
 * checked only to refuse early; nothing is trusted, cached or fetched from a token before its signature verifies
 * (a kid we do not know re-reads the issuer's configured JWKS, rate-limited, never a URL from the token).
 * Crypto and JOSE parsing are jose4j's.
 */
@ApplicationScoped
public class ClientTokenVerifier {
    /** CDS Hooks: asymmetric only (ES384 and RS384 recommended); never none, never HMAC. */
    static final Set<String> ALGORITHMS = Set.of(
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512,
            AlgorithmIdentifiers.RSA_USING_SHA256,
            AlgorithmIdentifiers.RSA_USING_SHA384,
            AlgorithmIdentifiers.RSA_USING_SHA512,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA384,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA512);
    private static final AlgorithmConstraints CONSTRAINTS =
            new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, ALGORITHMS.toArray(String[]::new));
    private static final int MAX_TOKEN_CHARS = 16 * 1024;

    private final TrustedIssuers issuers;
    private final ReplayCache replay;
    private final Clock clock;
    private final long skewMillis;

    @Inject
    ClientTokenVerifier(AuthConfig config, ReplayCache replay, Clock clock) {
        this(TrustedIssuers.from(config, clock), replay, clock, config.clockSkew());
    }

    ClientTokenVerifier(TrustedIssuers issuers, ReplayCache replay, Clock clock, Duration clockSkew) {
        this.issuers = issuers;
        this.replay = replay;
        this.clock = clock;
        this.skewMillis = clockSkew.toMillis();
    }

    /** The configured issuers, for the start-up log. */
    Collection<TrustedIssuers.Issuer> issuers() {
        return issuers.all();
    }

    /**
     * @param authorization the Authorization header as received (may be null)
     * @param audience      the exact URL called, which the token's aud must name
     * @throws AuthenticationFailure the call is refused; {@link AuthenticationFailure#logLine()} says why
     */
    public VerifiedClient verify(String authorization, String audience) {
        String token = bearerToken(authorization);
        JsonWebSignature jws;
        JwtClaims claims;
        try {
            if (token.length() > MAX_TOKEN_CHARS) {
                throw refuse(Reason.MALFORMED, null, "longer than " + MAX_TOKEN_CHARS + " characters");
            }
            JsonWebStructure structure = JsonWebStructure.fromCompactSerialization(token);
            if (!(structure instanceof JsonWebSignature)) {
                throw refuse(Reason.MALFORMED, null, "not a JWS");
            }
            jws = (JsonWebSignature) structure;
            claims = JwtClaims.parse(jws.getUnverifiedPayload());
        } catch (JoseException | InvalidJwtException | RuntimeException e) {
            if (e instanceof AuthenticationFailure f) {
                throw f;
            }
            // jose4j's messages may quote the token's content: log the kind of failure only.
            throw refuse(Reason.MALFORMED, null, e.getClass().getSimpleName());
        }
        Ids ids = new Ids(text(claims.getClaimValue("iss")), text(jws.getObjectHeader("kid")),
                text(claims.getClaimValue("jti")));

        TrustedIssuers.Issuer issuer;
        NumericDate exp;
        try {
            issuer = claims.getClaimValue("iss") instanceof String iss ? issuers.byIss(iss).orElse(null) : null;
            if (issuer == null) {
                throw refuse(Reason.UNKNOWN_ISSUER, ids, null);
            }
            List<String> aud = Optional.ofNullable(claims.getAudience()).orElse(List.of());
            if (!aud.contains(audience)) {
                throw refuse(Reason.WRONG_AUDIENCE, ids, "expected " + audience + ", got " + aud);
            }
            long now = clock.millis();
            exp = claims.getExpirationTime();
            if (exp == null) {
                throw refuse(Reason.EXP_MISSING, ids, null);
            }
            if (now > exp.getValueInMillis() + skewMillis) {
                throw refuse(Reason.EXPIRED, ids, "exp " + instant(exp) + ", now " + Instant.ofEpochMilli(now));
            }
            NumericDate iat = claims.getIssuedAt();
            if (iat == null) {
                throw refuse(Reason.IAT_MISSING, ids, null);
            }
            if (iat.getValueInMillis() > now + skewMillis) {
                throw refuse(Reason.IAT_IN_FUTURE, ids, "iat " + instant(iat) + ", now " + Instant.ofEpochMilli(now));
            }
            NumericDate nbf = claims.getNotBefore();
            if (nbf != null && nbf.getValueInMillis() > now + skewMillis) {
                throw refuse(Reason.NOT_YET_VALID, ids, "nbf " + instant(nbf) + ", now " + Instant.ofEpochMilli(now));
            }
            if (issuer.tenants().isPresent()) {
                Object tenant = claims.getClaimValue("tenant");
                if (!(tenant instanceof String t && issuer.tenants().get().contains(t))) {
                    throw refuse(Reason.TENANT_NOT_ALLOWED, ids, "tenant " + text(tenant));
                }
            }
        } catch (MalformedClaimException e) {
            throw refuse(Reason.MALFORMED, ids, "a registered claim has the wrong JSON type");
        }

        Object typ = jws.getObjectHeader("typ");
        if (!(typ instanceof String t && t.equalsIgnoreCase("JWT"))) {
            throw refuse(Reason.WRONG_TYPE, ids, "typ " + text(typ));
        }
        Object alg = jws.getObjectHeader("alg");
        if (!(alg instanceof String a && ALGORITHMS.contains(a))) {
            throw refuse(Reason.ALGORITHM_NOT_ALLOWED, ids, "alg " + text(alg));
        }
        if (!(jws.getObjectHeader("kid") instanceof String kid && !kid.isBlank())) {
            throw refuse(Reason.KID_MISSING, ids, null);
        }
        if (jws.getObjectHeader("b64") != null) {
            throw refuse(Reason.MALFORMED, ids, "b64 header (unencoded payload) is not a JWT");
        }

        JsonWebKey key;
        try {
            key = issuer.keys().keyFor(jws).orElse(null);
        } catch (IOException | JoseException | RuntimeException e) {
            throw refuse(Reason.JWKS_UNAVAILABLE, ids, issuer.keys().source().location() + ": " + e.getClass().getSimpleName());
        }
        if (key == null) {
            throw refuse(Reason.UNKNOWN_KID, ids, "not in " + issuer.keys().source().location());
        }
        boolean valid;
        try {
            jws.setAlgorithmConstraints(CONSTRAINTS);
            jws.setKey(key.getKey());
            valid = jws.verifySignature();
        } catch (JoseException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw refuse(Reason.BAD_SIGNATURE, ids, "alg " + alg);
        }

        Object jku = jws.getObjectHeader("jku");
        if (jku != null && !(jku instanceof String u && issuer.jku().contains(u))) {
            throw refuse(Reason.JKU_NOT_ALLOWED, ids, "jku " + text(jku));
        }

        if (!(claims.getClaimValue("jti") instanceof String jti && !jti.isBlank())) {
            throw refuse(Reason.JTI_MISSING, ids, null);
        }
        ReplayCache.Outcome use = replay.firstUse(issuer.iss(), jti, Instant.ofEpochMilli(exp.getValueInMillis() + skewMillis));
        if (use == ReplayCache.Outcome.REPLAYED) {
            throw refuse(Reason.REPLAYED, ids, null);
        }
        if (use == ReplayCache.Outcome.FULL) {
            throw refuse(Reason.REPLAY_CACHE_FULL, ids, "raise mbc.auth.replay-cache-size");
        }
        return new VerifiedClient(issuer.name(), issuer.iss(), stringClaim(claims, "sub"), stringClaim(claims, "tenant"), jti);
    }

    private static String bearerToken(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw refuse(Reason.MISSING_AUTHORIZATION, null, null);
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            throw refuse(Reason.NOT_BEARER, null, null);
        }
        String token = value.substring(space + 1).strip();
        if (token.isEmpty()) {
            throw refuse(Reason.MALFORMED, null, "empty bearer token");
        }
        return token;
    }

    private static Optional<String> stringClaim(JwtClaims claims, String name) {
        return claims.getClaimValue(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private static Instant instant(NumericDate date) {
        return Instant.ofEpochMilli(date.getValueInMillis());
    }

    private static String text(Object value) {
        return value == null ? null : value instanceof String s ? s : "<" + value.getClass().getSimpleName() + ">";
    }

    private record Ids(String iss, String kid, String jti) {
    }

    private static AuthenticationFailure refuse(Reason reason, Ids ids, String detail) {
        return ids == null ? new AuthenticationFailure(reason, null, null, null, detail)
                : new AuthenticationFailure(reason, ids.iss(), ids.kid(), ids.jti(), detail);
    }
}
