package org.mbccds.knowledge;

import org.mbccds.clinical.ClinicalPicture;
import org.mbccds.clinical.Evidence;
import org.mbccds.clinical.OrderedDrug;
import org.mbccds.terminology.DrugConcept;

import java.util.List;

/**
 * What the rules concluded for one patient, each conclusion with its rule and the facts that made it fire.
 * Rendering them as cards is the next step's job.
 */
public record Decisions(
        ClinicalPicture picture,
        KnowledgeVersion version,
        List<TherapyOption> options,
        List<RuledOut> ruledOut,
        List<OrderFinding> orderFindings,
        List<MissingTest> missingTests,
        List<SupportiveCare> supportiveCare,
        List<TrialSearch> trialSearches,
        List<TrialPriority> trialPriorities) {

    /** A ranked next-line option; several options may share a rank ("either"). */
    public record TherapyOption(Rule rule, List<Rule.Component> regimen, List<Evidence> because, List<String> cautions) {
    }

    /** An option whose subtype and line match, excluded by a fact: the "why not". */
    public record RuledOut(Rule rule, String reason, List<Evidence> because) {
    }

    public record OrderFinding(Rule rule, OrderedDrug order, DrugConcept drug, List<Evidence> because) {
    }

    public record MissingTest(Rule rule, List<Evidence> because) {
    }

    public record SupportiveCare(Rule rule, List<Rule.Component> regimen, List<Evidence> because, List<String> cautions) {
    }

    /** A ClinicalTrials.gov search built from the patient's state (§D2). */
    public record TrialSearch(Rule rule, String term, List<Evidence> because) {
    }

    /** A reason to put trials first (§D1). */
    public record TrialPriority(Rule rule, List<Evidence> because) {
    }

    public boolean empty() {
        return options.isEmpty() && orderFindings.isEmpty() && missingTests.isEmpty() && supportiveCare.isEmpty()
                && trialSearches.isEmpty();
    }
}
