package org.mbccds.clinical;

/** HER2 categories of therapy-rules §A1, plus the states where the record does not let us decide. */
public enum Her2Category {
    POSITIVE("HER2-positive"),
    LOW("HER2-low"),
    ULTRALOW("HER2-ultralow"),
    ZERO("HER2-0 (no membrane staining)"),
    /** IHC 0 with the membrane-staining detail not recorded (could be ultralow). */
    ZERO_STAINING_UNKNOWN("HER2 IHC 0, staining detail not recorded"),
    /** "Negative" without an IHC score: could be 0 or 1+/2+ISH-. */
    NEGATIVE_SCORE_UNKNOWN("HER2-negative, IHC score not recorded"),
    /** IHC 2+ without ISH. */
    EQUIVOCAL("HER2 IHC 2+ without ISH (equivocal)"),
    UNKNOWN("HER2 unknown");

    private final String label;

    Her2Category(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean negative() {
        return this == LOW || this == ULTRALOW || this == ZERO || this == ZERO_STAINING_UNKNOWN
                || this == NEGATIVE_SCORE_UNKNOWN;
    }
}
