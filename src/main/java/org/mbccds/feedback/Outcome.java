package org.mbccds.feedback;

import java.util.Optional;

/** What the user did with a card (CDS Hooks 2.0 feedback {@code outcome}). */
public enum Outcome {
    ACCEPTED("accepted"),
    OVERRIDDEN("overridden");

    private final String code;

    Outcome(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static Optional<Outcome> fromCode(String code) {
        for (Outcome o : values()) {
            if (o.code.equals(code)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
