package org.mbccds.knowledge;

import org.mbccds.clinical.Biomarkers;
import org.mbccds.clinical.ClinicalPicture;
import org.mbccds.clinical.Evidence;
import org.mbccds.clinical.OrderedDrug;
import org.mbccds.terminology.DrugConcept;
import org.mbccds.terminology.DrugMatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates the knowledge base against a clinical picture. Pure: no I/O, no clock, no framework; the same picture
 * always gives the same decisions.
 */
public final class DecisionEngine {
    private final KnowledgeBase knowledge;

    public DecisionEngine(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    public KnowledgeVersion version() {
        return knowledge.version();
    }

    /** patient-view: options, tests, supportive care and trials; nothing for a patient without metastatic breast cancer. */
    public Decisions forPatient(ClinicalPicture picture) {
        if (!picture.metastaticBreastCancer()) {
            return empty(picture);
        }
        Facts facts = Facts.of(picture);
        List<Decisions.TherapyOption> options = new ArrayList<>();
        List<Decisions.RuledOut> ruledOut = new ArrayList<>();
        // Explicit "why not" explanations first: they name the options a clinician most expects to see.
        for (Rule rule : knowledge.rules(Rule.Type.WHY_NOT)) {
            CriteriaParser.all(rule.when()).test(facts).ifPresent(ev ->
                    ruledOut.add(new Decisions.RuledOut(rule, rule.summary().orElseThrow(), ev)));
        }
        for (Rule rule : knowledge.rules(Rule.Type.THERAPY)) {
            Optional<List<Evidence>> fired = CriteriaParser.all(rule.when()).test(facts);
            if (fired.isEmpty()) {
                continue;
            }
            Optional<Decisions.RuledOut> out = exclusion(rule, facts);
            if (out.isPresent()) {
                ruledOut.add(out.get());
                continue;
            }
            List<Rule.Component> regimen = new ArrayList<>(rule.regimen());
            List<String> cautions = new ArrayList<>();
            applyConditionals(rule, facts, regimen, cautions);
            Optional<Decisions.RuledOut> alreadyFailed = allChoicesProgressed(rule, regimen, picture);
            if (alreadyFailed.isPresent()) {
                ruledOut.add(alreadyFailed.get());
                continue;
            }
            options.add(new Decisions.TherapyOption(rule, List.copyOf(regimen), fired.get(), List.copyOf(cautions)));
        }
        options.sort(Comparator.comparingInt((Decisions.TherapyOption o) -> o.rule().rank()));

        List<Decisions.MissingTest> tests = new ArrayList<>();
        for (Rule rule : knowledge.rules(Rule.Type.TEST)) {
            CriteriaParser.all(rule.when()).test(facts).ifPresent(ev -> tests.add(new Decisions.MissingTest(rule, ev)));
        }
        List<Decisions.SupportiveCare> supportive = new ArrayList<>();
        for (Rule rule : knowledge.rules(Rule.Type.SUPPORTIVE)) {
            Optional<List<Evidence>> fired = CriteriaParser.all(rule.when()).test(facts);
            if (fired.isPresent() && exclusion(rule, facts).isEmpty()) {
                List<Rule.Component> regimen = new ArrayList<>(rule.regimen());
                List<String> cautions = new ArrayList<>();
                applyConditionals(rule, facts, regimen, cautions);
                supportive.add(new Decisions.SupportiveCare(rule, List.copyOf(regimen), fired.get(), List.copyOf(cautions)));
            }
        }
        List<Decisions.TrialSearch> searches = new ArrayList<>();
        for (Rule rule : knowledge.rules(Rule.Type.TRIAL_SEARCH)) {
            CriteriaParser.all(rule.when()).test(facts).ifPresent(ev -> searches.add(
                    new Decisions.TrialSearch(rule, trialTerm(rule.trialSearch().orElseThrow(), picture), ev)));
        }
        List<Decisions.TrialPriority> priorities = new ArrayList<>();
        for (Rule rule : knowledge.rules(Rule.Type.TRIAL_PRIORITY)) {
            CriteriaParser.all(rule.when()).test(facts).ifPresent(ev -> priorities.add(new Decisions.TrialPriority(rule, ev)));
        }
        return new Decisions(picture, knowledge.version(), List.copyOf(options), List.copyOf(ruledOut), List.of(),
                List.copyOf(tests), List.copyOf(supportive), List.copyOf(searches), List.copyOf(priorities));
    }

    /** order-select / order-sign: findings on the selected draft orders (order-sign selects them all). */
    public Decisions forOrders(ClinicalPicture picture) {
        List<Decisions.OrderFinding> findings = new ArrayList<>();
        for (OrderedDrug order : picture.orders()) {
            if (!order.selected()) {
                continue;
            }
            for (DrugMatch match : order.drugs()) {
                DrugConcept drug = match.concept();
                Facts facts = new Facts(picture, Optional.of(drug), Optional.of(order));
                Set<String> firedAreas = new HashSet<>();
                for (Rule rule : knowledge.rules(Rule.Type.ORDER_CHECK)) {
                    if (rule.orderCheck().drugsOrClasses().stream().noneMatch(drug::is)) {
                        continue;
                    }
                    // One finding per spec row (E1, E7...): a row's rules are ordered most specific first.
                    String row = rule.specRef();
                    if (firedAreas.contains(row)) {
                        continue;
                    }
                    Optional<List<Evidence>> fired = CriteriaParser.all(rule.when()).test(facts);
                    if (fired.isPresent()) {
                        firedAreas.add(row);
                        List<Evidence> because = new ArrayList<>();
                        because.add(Evidence.of(drug.name() + " ordered", order.reference(), Optional.empty(), match.describe()));
                        because.addAll(fired.get());
                        findings.add(new Decisions.OrderFinding(rule, order, drug, List.copyOf(because)));
                    }
                }
            }
        }
        findings.sort(Comparator.comparing((Decisions.OrderFinding f) -> f.rule().orderCheck().severity()).reversed());
        return new Decisions(picture, knowledge.version(), List.of(), List.of(), List.copyOf(findings), List.of(),
                List.of(), List.of(), List.of());
    }

    private Decisions empty(ClinicalPicture picture) {
        return new Decisions(picture, knowledge.version(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of());
    }

    private static Optional<Decisions.RuledOut> exclusion(Rule rule, Facts facts) {
        for (Rule.Exclusion u : rule.unless()) {
            Optional<List<Evidence>> hit = CriteriaParser.all(u.when()).test(facts);
            if (hit.isPresent()) {
                return Optional.of(new Decisions.RuledOut(rule, u.reason(), hit.get()));
            }
        }
        return Optional.empty();
    }

    private static void applyConditionals(Rule rule, Facts facts, List<Rule.Component> regimen, List<String> cautions) {
        for (Rule.Conditional c : rule.conditionals()) {
            if (CriteriaParser.all(c.when()).test(facts).isPresent()) {
                cautions.add(c.caution());
                c.addComponent().ifPresent(regimen::add);
            }
        }
    }

    /**
     * §B: an option whose every choice for some component already failed (progression) is not offered again, except a
     * component the regimen gives beyond progression (e.g. trastuzumab in tucatinib + trastuzumab + capecitabine).
     */
    private static Optional<Decisions.RuledOut> allChoicesProgressed(Rule rule, List<Rule.Component> regimen, ClinicalPicture p) {
        for (Rule.Component c : regimen) {
            if (!c.beyondProgression() && c.choices().stream().allMatch(d -> p.therapy().progressedOn(d.id()))) {
                String drugs = c.choices().stream().map(DrugConcept::name).collect(Collectors.joining(", "));
                return Optional.of(new Decisions.RuledOut(rule, "Progression already recorded on " + drugs,
                        CriteriaParser.usesOf(p, c.choices().stream().map(DrugConcept::id).toList(), "progression on")));
            }
        }
        return Optional.empty();
    }

    private static String trialTerm(Rule.TrialSearch search, ClinicalPicture p) {
        List<String> detected = search.andAnyDetected().stream()
                .filter(m -> p.biomarkers().of(Biomarkers.Marker.valueOf(m)) == Biomarkers.Status.DETECTED).toList();
        return detected.isEmpty() ? search.term() : "(" + search.term() + ") AND (" + String.join(" OR ", detected) + ")";
    }
}
