package org.mbccds.clinical;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Actionable biomarkers (therapy-rules §A3, §B) with the findings behind each status. */
public record Biomarkers(Map<Marker, Status> status, Map<Marker, List<Evidence>> evidence, Optional<Double> pdl1Cps,
                         List<Evidence> pdl1Evidence) {

    /** What rules ask about. Germline and somatic BRCA are different questions (§E18-E21). */
    public enum Marker {
        PIK3CA, ESR1, AKT1, PTEN, PIK3CA_AKT1_PTEN, GERMLINE_BRCA, GERMLINE_PALB2, SOMATIC_BRCA, BRCA_ORIGIN_UNKNOWN,
        MSI_HIGH, TMB_HIGH
    }

    public enum Status { DETECTED, NOT_DETECTED, UNKNOWN }

    public Status of(Marker marker) {
        return status.getOrDefault(marker, Status.UNKNOWN);
    }

    public List<Evidence> evidenceFor(Marker marker) {
        return evidence.getOrDefault(marker, List.of());
    }
}
