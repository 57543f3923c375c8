package org.mbccds.record;

import java.util.Locale;

/**
 * Why a read from the FHIR server failed, in a small fixed vocabulary, and for which prefetch key: what operations
 * count and alert on. The human wording stays on the {@link DataGap}.
 *
 * @param source the prefetch key read (or {@link #MEDICATION} for a referenced Medication)
 */
public record FetchFailure(String source, Kind kind) {
    /** The source of a read of a Medication referenced by an order or statement. */
    public static final String MEDICATION = "medication";

    public enum Kind {
        /** The query timeout or the request budget ran out. */
        TIMEOUT,
        /** No connection: refused, unknown host, TLS failure. */
        UNREACHABLE,
        /** HTTP 401 or 403: the fhirAuthorization token was not accepted. */
        ACCESS_DENIED,
        HTTP_4XX,
        HTTP_5XX,
        /** 2xx, but not JSON, not FHIR R4, or an OperationOutcome in place of the data. */
        UNREADABLE,
        /** A next-page link pointing to another server (never followed, the token would leak). */
        FOREIGN_LINK,
        OTHER;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
