package org.mbccds.clinical;

/** Endocrine sensitivity per ESO-ESMO ABC5 (therapy-rules §B0). */
public enum EndocrineResistance {
    SENSITIVE("endocrine-sensitive"),
    PRIMARY("primary endocrine resistance"),
    SECONDARY("secondary endocrine resistance"),
    UNDETERMINED("endocrine sensitivity undetermined");

    private final String label;

    EndocrineResistance(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
