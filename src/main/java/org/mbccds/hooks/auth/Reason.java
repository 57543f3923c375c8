package org.mbccds.hooks.auth;

/** Why a call was refused: logged, never sent to the caller (who always gets the same 401). */
public enum Reason {
    MISSING_AUTHORIZATION("missing-authorization"),
    NOT_BEARER("not-bearer"),
    MALFORMED("malformed-token"),
    UNKNOWN_ISSUER("unknown-iss"),
    WRONG_AUDIENCE("wrong-aud"),
    EXP_MISSING("exp-missing"),
    EXPIRED("expired"),
    IAT_MISSING("iat-missing"),
    IAT_IN_FUTURE("iat-in-future"),
    NOT_YET_VALID("nbf-in-future"),
    TENANT_NOT_ALLOWED("tenant-not-allowed"),
    WRONG_TYPE("typ-not-jwt"),
    ALGORITHM_NOT_ALLOWED("alg-not-allowed"),
    KID_MISSING("kid-missing"),
    /** No key in the issuer's JWKS has this kid for this alg, even after a (rate-limited) refresh. */
    UNKNOWN_KID("unknown-kid"),
    JWKS_UNAVAILABLE("jwks-unavailable"),
    BAD_SIGNATURE("bad-signature"),
    JKU_NOT_ALLOWED("jku-not-allowed"),
    JTI_MISSING("jti-missing"),
    REPLAYED("jti-replayed"),
    REPLAY_CACHE_FULL("replay-cache-full"),
    /** A defect in verification: refused, never let through. */
    INTERNAL_ERROR("internal-error");

    private final String code;

    Reason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
