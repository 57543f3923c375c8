package org.mbccds.hooks.auth;

/**
 * A refused token: the reason and what identifies the token in the log (iss, kid, jti; never the token). The fields
 * come from an unverified token, so {@link #logLine()} strips them to short printable text.
 */
public class AuthenticationFailure extends RuntimeException {
    private static final int MAX_FIELD = 200;

    private final Reason reason;
    private final String iss;
    private final String kid;
    private final String jti;
    private final String detail;

    AuthenticationFailure(Reason reason, String iss, String kid, String jti, String detail) {
        super(reason.code(), null, false, false);
        this.reason = reason;
        this.iss = iss;
        this.kid = kid;
        this.jti = jti;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    /** {@code reason=... iss=... kid=... jti=... [detail]} with every value made safe for a log line. */
    public String logLine() {
        String line = "reason=" + reason.code() + " iss=" + safe(iss) + " kid=" + safe(kid) + " jti=" + safe(jti);
        return detail == null ? line : line + " (" + safe(detail) + ")";
    }

    static String safe(String value) {
        if (value == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_FIELD));
        for (int i = 0; i < value.length() && out.length() < MAX_FIELD; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return value.length() > MAX_FIELD ? out + "..." : out.toString();
    }
}
