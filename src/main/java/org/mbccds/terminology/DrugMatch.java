package org.mbccds.terminology;

/**
 * How a medication coding or text was recognised as a drug concept, kept so a card can say what was inferred
 * from what.
 */
public record DrugMatch(DrugConcept concept, Basis basis, String matched, boolean ambiguous, String caveat) {
    public enum Basis { RXNORM_CODE, ATC_CODE, TEXT }

    public String describe() {
        String how = switch (basis) {
            case RXNORM_CODE -> "RxNorm " + matched;
            case ATC_CODE -> "ATC " + matched;
            case TEXT -> "text \"" + matched + "\"";
        };
        return caveat.isEmpty() ? how : how + " (" + caveat + ")";
    }
}
