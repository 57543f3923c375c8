package org.mbccds.clinical;

import org.mbccds.terminology.DrugConcept;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One drug over one stretch of time, merged from the statements, orders and administrations that record it.
 * The start can be unknown (then the use cannot be placed on the timeline and is listed, not counted).
 */
public record DrugUse(DrugConcept drug, Optional<LocalDate> start, Optional<LocalDate> end, boolean active,
                      StopReason stopReason, boolean curativeIntent, Setting setting, List<Evidence> evidence) {

    public enum StopReason { PROGRESSION, TOXICITY, COMPLETED, PATIENT_OR_ACCESS, NOT_RECORDED }

    public enum Setting { NEOADJUVANT_OR_ADJUVANT, METASTATIC, UNDETERMINED }

    DrugUse withSetting(Setting s) {
        return new DrugUse(drug, start, end, active, stopReason, curativeIntent, s, evidence);
    }

    /** The last date the drug is known to have been given (its end, else its start). */
    Optional<LocalDate> lastKnownDate() {
        return end.or(() -> start);
    }
}
