package org.mbccds.knowledge;

import org.mbccds.terminology.DrugConcept;

import java.util.List;
import java.util.Optional;

/**
 * One rule of cards/*.yaml, validated and typed. The id appears unchanged in logs, card source.topic and tests.
 *
 * @param confidence the spec's tag for the claims the rule rests on: V (checked), M (from memory), U (unconfirmed)
 */
public record Rule(
        String id, Type type, String area, String file, String title, int rank,
        List<Criterion> when, List<Exclusion> unless, List<Conditional> conditionals,
        List<Component> regimen, String detail, String trials, String evidence, Tag confidence, String fda,
        Source source, String specRef, String reviewed, Optional<String> disagreement,
        OrderCheck orderCheck, Optional<String> summary, Optional<String> indicator, Optional<TrialSearch> trialSearch) {

    public enum Type { THERAPY, ORDER_CHECK, TEST, SUPPORTIVE, TRIAL_SEARCH, TRIAL_PRIORITY, WHY_NOT }

    public enum Tag { V, M, U }

    public record Source(String label, String url) {
    }

    /**
     * "Non-steroidal aromatase inhibitor": letrozole or anastrozole.
     *
     * @param beyondProgression a backbone the regimen gives again after progression on it (trastuzumab in tucatinib +
     *                          trastuzumab + capecitabine): progression on it does not rule the option out
     */
    public record Component(String role, List<DrugConcept> choices, boolean beyondProgression) {
        public Component(String role, List<DrugConcept> choices) {
            this(role, choices, false);
        }
    }

    /** An option is ruled out when this holds; the reason is shown as "why not". */
    record Exclusion(List<Criterion> when, String reason) {
    }

    /** A caution (and possibly an added drug) that applies only to some patients, e.g. OFS before menopause. */
    record Conditional(List<Criterion> when, String caution, Optional<Component> addComponent) {
    }

    /** For order checks: which ordered drugs the rule looks at, how bad a hit is, and what to order instead. */
    public record OrderCheck(List<String> drugsOrClasses, Severity severity, List<DrugConcept> alternatives,
                             List<OverrideReason> overrideReasons) {
        static OrderCheck none() {
            return new OrderCheck(List.of(), Severity.INFO, List.of(), List.of());
        }
    }

    public enum Severity { INFO, WARNING, CRITICAL }

    public record OverrideReason(String code, String display) {
    }

    /** ClinicalTrials.gov query.term of therapy-rules §D2; "andAnyDetected" keeps only the patient's positive markers. */
    public record TrialSearch(String label, String term, List<String> andAnyDetected) {
    }
}
