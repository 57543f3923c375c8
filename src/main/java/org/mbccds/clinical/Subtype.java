package org.mbccds.clinical;

/** Working subtypes of therapy-rules §A1. */
public enum Subtype {
    HR_POSITIVE_HER2_NEGATIVE("HR+/HER2-"),
    HR_POSITIVE_HER2_POSITIVE("HR+/HER2+"),
    HR_NEGATIVE_HER2_POSITIVE("HR-/HER2+"),
    HR_UNKNOWN_HER2_POSITIVE("HER2+ (HR unknown)"),
    TRIPLE_NEGATIVE("Triple-negative"),
    INDETERMINATE("Subtype indeterminate");

    private final String label;

    Subtype(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean her2Positive() {
        return this == HR_POSITIVE_HER2_POSITIVE || this == HR_NEGATIVE_HER2_POSITIVE || this == HR_UNKNOWN_HER2_POSITIVE;
    }
}
