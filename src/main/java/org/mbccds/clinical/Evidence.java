package org.mbccds.clinical;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One fact and where it came from: "HER2 IHC 1+ (HER2-low)" from Observation/abc on 2024-05-02, inferred from
 * "LOINC 85319-2 = LA11841-6". Cards show these so a clinician can check every conclusion.
 */
public record Evidence(String statement, String source, Optional<LocalDate> date, String inferredFrom) {

    public static Evidence of(String statement, String source, Optional<LocalDate> date, String inferredFrom) {
        return new Evidence(statement, source, date, inferredFrom);
    }

    public static Evidence derived(String statement) {
        return new Evidence(statement, "", Optional.empty(), "");
    }

    public String describe() {
        StringBuilder sb = new StringBuilder(statement);
        date.ifPresent(d -> sb.append(", ").append(d));
        if (!source.isEmpty()) {
            sb.append(" (").append(source);
            if (!inferredFrom.isEmpty()) {
                sb.append("; ").append(inferredFrom);
            }
            sb.append(')');
        } else if (!inferredFrom.isEmpty()) {
            sb.append(" (").append(inferredFrom).append(')');
        }
        return sb.toString();
    }
}
