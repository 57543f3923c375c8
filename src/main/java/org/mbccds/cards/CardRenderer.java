package org.mbccds.cards;

import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.mbccds.cdshooks.Action;
import org.mbccds.cdshooks.Card;
import org.mbccds.cdshooks.CardId;
import org.mbccds.cdshooks.Coding;
import org.mbccds.cdshooks.Indicator;
import org.mbccds.cdshooks.Link;
import org.mbccds.cdshooks.SelectionBehavior;
import org.mbccds.cdshooks.Source;
import org.mbccds.cdshooks.Suggestion;
import org.mbccds.clinical.ClinicalPicture;
import org.mbccds.clinical.Confidence;
import org.mbccds.clinical.Evidence;
import org.mbccds.clinical.LineOfTherapy;
import org.mbccds.knowledge.Decisions;
import org.mbccds.knowledge.Rule;
import org.mbccds.terminology.DrugConcept;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Renders decisions as CDS Hooks cards: a summary of the clinical picture with its provenance, then the ranked
 * options (each drug a suggestion that creates a draft RxNorm-coded MedicationRequest), missing tests, supportive
 * care and trials; or, for order hooks, one card per conflicting order. Every card cites its rule's source and the
 * knowledge version.
 */
@ApplicationScoped
public class CardRenderer {
    /**
     * Marks the draft orders this renderer builds (status, intent, medicationCodeableConcept, subject and nothing
     * else), which JacksonSetup writes field by field instead of through HAPI's generic encoder: 29 of them in a
     * typical patient-view answer made HAPI encoding most of the render cost (JFR, docs/performance.md).
     * CardRendererTest checks that both writers give the same JSON.
     */
    public static final String DRAFT_ORDER = "org.mbccds.cards.draft-order";

    static final String TOPIC_SYSTEM = "https://mbc-cds.org/fhir/CodeSystem/rule";
    private static final Coding SUMMARY_TOPIC = new Coding(TOPIC_SYSTEM, "mbc.summary", "Clinical picture");
    private static final Coding DATA_GAP_TOPIC = new Coding(TOPIC_SYSTEM, "mbc.data-gap", "Data could not be read");
    private static final int WHY_NOT_SHOWN = 3;

    private final CardsConfig config;

    public CardRenderer(CardsConfig config) {
        this.config = config;
    }

    /**
     * Every topic a card can have ({@code source.topic}): one per rule, and the cards that no single rule makes.
     * The feedback report names topics from this list.
     */
    public static List<Coding> topics(List<Rule> rules) {
        List<Coding> topics = new ArrayList<>(List.of(SUMMARY_TOPIC, DATA_GAP_TOPIC));
        rules.forEach(r -> topics.add(new Coding(TOPIC_SYSTEM, r.id(), r.title())));
        return List.copyOf(topics);
    }

    public List<Card> patientCards(Decisions d) {
        ClinicalPicture p = d.picture();
        if (!p.metastaticBreastCancer()) {
            return List.of();
        }
        List<Card> cards = new ArrayList<>();
        cards.add(summary(d));
        if (!p.dataGaps().isEmpty()) {
            cards.add(dataGaps(d));
        }
        boolean trialsFirst = !d.trialPriorities().isEmpty();
        if (trialsFirst) {
            cards.add(trials(d));
        }
        d.options().forEach(o -> cards.add(option(o, d)));
        d.missingTests().forEach(t -> cards.add(test(t, d)));
        d.supportiveCare().forEach(s -> cards.add(supportive(s, d)));
        if (!trialsFirst && !d.trialSearches().isEmpty()) {
            cards.add(trials(d));
        }
        return List.copyOf(cards);
    }

    public List<Card> orderCards(Decisions d) {
        List<Card> cards = new ArrayList<>();
        // A gap matters only when a selected order is a drug the rules know; an amoxicillin order needs no warning.
        boolean checkableOrder = d.picture().orders().stream().anyMatch(o -> o.selected() && !o.drugs().isEmpty());
        if (!d.picture().dataGaps().isEmpty() && checkableOrder) {
            cards.add(dataGaps(d));
        }
        d.orderFindings().forEach(f -> cards.add(orderFinding(f, d)));
        return List.copyOf(cards);
    }

    private Card summary(Decisions d) {
        ClinicalPicture p = d.picture();
        String her2 = p.receptors().her2().label();
        String line = "line " + p.therapy().nextLine() + (p.therapy().lineConfidence() == Confidence.HIGH ? "" : " (confirm)");
        String summary = Markdown.fit(p.subtype().label() + " metastatic breast cancer (" + her2 + "): " + line + " next, "
                + d.options().size() + " option" + (d.options().size() == 1 ? "" : "s"));
        StringBuilder md = new StringBuilder();
        md.append("**").append(p.subtype().label()).append("**, ").append(her2);
        if (p.receptors().erLow()) {
            md.append(", ER-low (TNBC-like biology: consider TNBC-type options)");
        }
        md.append(". Metastatic").append(p.metastatic().since().map(s -> " since " + s).orElse(" (date not recorded)"));
        if (!p.metastatic().sites().isEmpty()) {
            md.append("; sites: ").append(p.metastatic().sites().stream().map(s -> s.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        }
        md.append(".\n\n");
        List<Evidence> facts = new ArrayList<>(p.breastCancer());
        facts.addAll(p.metastatic().evidence());
        facts.addAll(p.receptors().er().stream().map(f -> f.evidence()).toList());
        facts.addAll(p.receptors().pr().stream().map(f -> f.evidence()).toList());
        facts.addAll(p.receptors().her2History().stream().map(f -> f.evidence()).toList());
        p.biomarkers().evidence().values().forEach(list -> list.forEach(e -> {
            if (!facts.contains(e)) {
                facts.add(e);
            }
        }));
        facts.addAll(p.biomarkers().pdl1Evidence());
        facts.addAll(p.menopause().evidence());
        md.append("#### Facts (latest result decides; history shown)\n").append(Markdown.evidenceTable(facts)).append('\n');
        md.append("#### Treatment history (").append(p.therapy().endocrineResistance().label()).append("; line inference confidence ")
                .append(p.therapy().lineConfidence().name().toLowerCase(Locale.ROOT)).append(")\n");
        if (p.therapy().lines().isEmpty()) {
            md.append("No metastatic-line treatment recorded.\n");
        } else {
            md.append("| Line | Regimen | Start | End | Progression |\n|---|---|---|---|---|\n");
            for (LineOfTherapy l : p.therapy().lines()) {
                md.append("| ").append(l.number()).append(" | ").append(Markdown.escape(l.regimen())).append(" | ")
                        .append(l.start().map(Object::toString).orElse("")).append(" | ")
                        .append(l.ongoing() ? "ongoing" : l.end().map(Object::toString).orElse("not recorded")).append(" | ")
                        .append(l.progression().map(pr -> pr.confidence().name().toLowerCase(Locale.ROOT) + " confidence: "
                                + pr.evidence().stream().map(e -> Markdown.escape(e.describe())).collect(Collectors.joining("; ")))
                                .orElse("none inferred")).append(" |\n");
            }
        }
        p.therapy().evidence().forEach(e -> md.append("- ").append(Markdown.escape(e.describe())).append('\n'));
        if (p.therapy().lineConfidence() != Confidence.HIGH) {
            md.append("\nLines and progression are inferred from medication records (therapy-rules §F): records from other"
                    + " institutions, oral drugs bought outside the system and trial drugs may be missing, and progression is"
                    + " often documented only in notes. **Please confirm the line of therapy.**\n");
        }
        if (!d.ruledOut().isEmpty()) {
            md.append("\n#### Why not\n");
            // The facts table above already shows each fact with its source: name what it does not show in full, or
            // else the table's facts that decided (by statement), leaving out the diagnosis every rule here needs.
            List<Evidence> diagnosis = new ArrayList<>(p.breastCancer());
            diagnosis.addAll(p.metastatic().evidence());
            d.ruledOut().stream().limit(WHY_NOT_SHOWN).forEach(r -> {
                List<String> because = r.because().stream().filter(e -> !facts.contains(e))
                        .map(e -> Markdown.escape(e.describe())).distinct().toList();
                if (because.isEmpty()) {
                    because = r.because().stream().filter(e -> !diagnosis.contains(e))
                            .map(e -> Markdown.escape(e.statement())).distinct().toList();
                }
                md.append("- **").append(Markdown.escape(r.rule().title())).append("**: ").append(Markdown.escape(r.reason()))
                        .append(because.isEmpty() ? "" : " (" + String.join("; ", because) + ")").append('\n');
            });
        }
        if (!p.notes().isEmpty()) {
            md.append("\n#### Notes\n").append(Markdown.bullets(p.notes().stream().map(Markdown::escape).toList()));
        }
        md.append(footer(d, null));
        Rule.Source s = d.version().summarySource();
        return card(summary, md.toString(), Indicator.INFO, source(s.label(), s.url(), SUMMARY_TOPIC.code(), SUMMARY_TOPIC.display()),
                List.of(), List.of(), List.of());
    }

    private Card dataGaps(Decisions d) {
        String md = "The advice on these cards may be incomplete because some data could not be read:\n\n"
                + Markdown.bullets(d.picture().dataGaps().stream().map(Markdown::escape).toList()) + footer(d, null);
        return card("Some patient data could not be read: advice may be incomplete", md, Indicator.WARNING,
                source("CDS Hooks 2.0: prefetch and FHIR resource access", "https://cds-hooks.hl7.org/2.0/#prefetch-template",
                        DATA_GAP_TOPIC.code(), DATA_GAP_TOPIC.display()), List.of(), List.of(), List.of());
    }

    private Card option(Decisions.TherapyOption o, Decisions d) {
        Rule r = o.rule();
        boolean either = d.options().stream().filter(x -> x.rule().rank() == r.rank()).count() > 1;
        // Shown as the position among the ranks offered (1, 2, 3...), not the spec's rank: options ranked 6 and 7 in
        // the spec are this patient's first and second choices.
        long position = d.options().stream().map(x -> x.rule().rank()).distinct().filter(rank -> rank < r.rank()).count() + 1;
        String prefix = "Option " + position + (either ? " (either)" : "") + ": ";
        String unconfirmed = r.confidence() == Rule.Tag.U ? " [approval reported, not confirmed in guideline]" : "";
        StringBuilder md = new StringBuilder();
        md.append(regimenText(o.regimen())).append("\n\n");
        if (!r.detail().isEmpty()) {
            md.append(r.detail()).append("\n\n");
        }
        if (!o.cautions().isEmpty()) {
            md.append("**Cautions for this patient**\n").append(Markdown.bullets(o.cautions())).append('\n');
        }
        md.append("**Why it fits**\n").append(Markdown.evidenceTable(o.because())).append('\n');
        md.append(evidenceBlock(r));
        r.disagreement().ifPresent(g -> md.append("\n> **Guidelines disagree:** ").append(g).append('\n'));
        md.append(footer(d, r));
        List<Suggestion> suggestions = orderSuggestions(o.regimen(), d.picture());
        return card(Markdown.fit(prefix + r.title() + unconfirmed), md.toString(), Indicator.INFO, ruleSource(r),
                suggestions, List.of(), List.of());
    }

    private Card test(Decisions.MissingTest t, Decisions d) {
        Rule r = t.rule();
        String md = (r.detail().isEmpty() ? "" : r.detail() + "\n\n") + "**Why**\n" + Markdown.evidenceTable(t.because())
                + "\n" + evidenceBlock(r) + footer(d, r);
        Indicator indicator = r.indicator().map(i -> Indicator.valueOf(i.toUpperCase(Locale.ROOT))).orElse(Indicator.INFO);
        return card(Markdown.fit(r.summary().orElse(r.title())), md, indicator, ruleSource(r), List.of(), List.of(), List.of());
    }

    private Card supportive(Decisions.SupportiveCare s, Decisions d) {
        Rule r = s.rule();
        StringBuilder md = new StringBuilder(regimenText(s.regimen())).append("\n\n");
        if (!r.detail().isEmpty()) {
            md.append(r.detail()).append("\n\n");
        }
        if (!s.cautions().isEmpty()) {
            md.append("**Cautions for this patient**\n").append(Markdown.bullets(s.cautions())).append('\n');
        }
        md.append("**Why**\n").append(Markdown.evidenceTable(s.because())).append('\n').append(evidenceBlock(r)).append(footer(d, r));
        return card(Markdown.fit(r.summary().orElse(r.title())), md.toString(), Indicator.INFO, ruleSource(r),
                orderSuggestions(s.regimen(), d.picture()), List.of(), List.of());
    }

    private Card trials(Decisions d) {
        boolean first = !d.trialPriorities().isEmpty();
        String summary = first ? Markdown.fit("Clinical trial first: " + d.trialPriorities().get(0).rule().summary().orElseThrow())
                : "Consider a clinical trial at this line";
        StringBuilder md = new StringBuilder();
        if (first) {
            md.append("**Trials are ranked first for this patient because:**\n");
            d.trialPriorities().forEach(tp -> md.append("- ").append(tp.rule().summary().orElseThrow()).append(" (")
                    .append(tp.because().stream().map(e -> Markdown.escape(e.describe())).collect(Collectors.joining("; ")))
                    .append(")\n"));
            md.append('\n');
        }
        md.append("NCCN: \"the best management for any cancer patient is in a clinical trial\"; participation is encouraged"
                + " at every line (therapy-rules §D1).\n\nThe searches below use the patient's subtype, biomarkers and sites."
                + " Matches are keyword-based, registry status may lag and sites may have closed: the clinician must verify"
                + " eligibility (prior-therapy counts, CNS status, organ function).\n");
        Map<String, String> links = new LinkedHashMap<>();
        for (Decisions.TrialSearch s : d.trialSearches()) {
            links.putIfAbsent(s.rule().title(), trialUrl(s.term()));
        }
        md.append(footer(d, d.trialSearches().isEmpty() ? null : d.trialSearches().get(0).rule()));
        List<Link> linkList = links.entrySet().stream().map(e -> Link.absolute(Markdown.fit("ClinicalTrials.gov: " + e.getKey()),
                e.getValue())).toList();
        Rule r = first ? d.trialPriorities().get(0).rule() : d.trialSearches().get(0).rule();
        return card(summary, md.toString(), Indicator.INFO, ruleSource(r), List.of(), List.of(), linkList);
    }

    private String trialUrl(String term) {
        return config.trialSearchUrl() + "?cond=" + enc("Breast Cancer") + "&term=" + enc(term) + "&aggFilters=status:rec";
    }

    private Card orderFinding(Decisions.OrderFinding f, Decisions d) {
        Rule r = f.rule();
        Indicator indicator = switch (r.orderCheck().severity()) {
            case CRITICAL -> Indicator.CRITICAL;
            case WARNING -> Indicator.WARNING;
            case INFO -> Indicator.INFO;
        };
        String summary = Markdown.fit(r.summary().orElseThrow().replace("{drug}", f.drug().name()));
        StringBuilder md = new StringBuilder();
        if (!r.detail().isEmpty()) {
            md.append(r.detail()).append("\n\n");
        }
        md.append("**Why**\n").append(Markdown.evidenceTable(f.because())).append('\n').append(evidenceBlock(r)).append(footer(d, r));
        List<Suggestion> suggestions = new ArrayList<>();
        if (indicator != Indicator.INFO) {
            suggestions.add(new Suggestion("Remove the " + f.drug().name() + " order", UUID.randomUUID().toString(), null,
                    List.of(new Action(Action.Type.DELETE, "Remove the draft order for " + f.drug().name(), null,
                            f.order().reference()))));
        }
        for (DrugConcept alt : r.orderCheck().alternatives()) {
            createSuggestion(alt, d.picture(), "Order " + alt.name() + " instead").ifPresent(suggestions::add);
        }
        List<Coding> reasons = r.orderCheck().overrideReasons().stream()
                .map(o -> new Coding("https://mbc-cds.org/fhir/CodeSystem/override-reason", o.code(), o.display())).toList();
        return card(summary, md.toString(), indicator, ruleSource(r), suggestions, reasons, List.of());
    }

    private List<Suggestion> orderSuggestions(List<Rule.Component> regimen, ClinicalPicture p) {
        List<Suggestion> list = new ArrayList<>();
        for (Rule.Component c : regimen) {
            for (DrugConcept drug : c.choices()) {
                createSuggestion(drug, p, "Order " + drug.name() + " (" + c.role() + ")").ifPresent(list::add);
            }
        }
        return list;
    }

    private java.util.Optional<Suggestion> createSuggestion(DrugConcept drug, ClinicalPicture p, String label) {
        if (drug.orderCoding().isEmpty()) {
            return java.util.Optional.empty();
        }
        DrugConcept.OrderCoding oc = drug.orderCoding().get();
        MedicationRequest mr = new MedicationRequest();
        mr.setUserData(DRAFT_ORDER, Boolean.TRUE);
        mr.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.PROPOSAL);
        mr.setSubject(new Reference("Patient/" + p.patientId()));
        mr.setMedication(new CodeableConcept().setText(drug.name())
                .addCoding(new org.hl7.fhir.r4.model.Coding(oc.system(), oc.code(), oc.display())));
        return java.util.Optional.of(new Suggestion(Markdown.fit(label), UUID.randomUUID().toString(), null,
                List.of(new Action(Action.Type.CREATE, "Create a draft order for " + drug.name() + " (RxNorm " + oc.code()
                        + "); dose, schedule and duration are set by the prescriber", mr, null))));
    }

    private static String regimenText(List<Rule.Component> regimen) {
        return regimen.stream().map(c -> "**" + c.role() + "**: " + c.choices().stream().map(dc -> dc.name()
                + (dc.orderCoding().isEmpty() ? " (no verified RxNorm code: order from the local drug list)" : ""))
                .collect(Collectors.joining(" or "))).collect(Collectors.joining(" + "));
    }

    private static String evidenceBlock(Rule r) {
        StringBuilder sb = new StringBuilder("**Evidence**: ").append(r.evidence());
        if (!r.trials().isEmpty()) {
            sb.append("  \n**Trials**: ").append(r.trials());
        }
        if (!r.fda().isEmpty()) {
            sb.append("  \n**FDA**: ").append(r.fda());
        }
        sb.append("  \n**Spec confidence**: ").append(switch (r.confidence()) {
            case V -> "[V] checked against the cited source";
            case M -> "[M] from memory in the knowledge spec, not re-checked: confirm before relying on it";
            case U -> "[U] approval reported, not confirmed in guideline";
        });
        sb.append("  \n**Source**: [").append(r.source().label()).append("](").append(r.source().url()).append(") (")
                .append(r.specRef()).append(")\n");
        return sb.toString();
    }

    private static String footer(Decisions d, Rule rule) {
        return "\n---\n*" + d.version().describe() + (rule == null ? "" : "; rule `" + rule.id() + "`, reviewed " + rule.reviewed())
                + ". Decision support only: confirm against the record and current guidelines.*";
    }

    private Source ruleSource(Rule r) {
        return source(r.source().label(), r.source().url(), r.id(), r.title());
    }

    private Source source(String label, String url, String topic, String topicDisplay) {
        return new Source(label, url, config.iconUrl().orElse(null), new Coding(TOPIC_SYSTEM, topic, topicDisplay));
    }

    private static Card card(String summary, String detail, Indicator indicator, Source source, List<Suggestion> suggestions,
                             List<Coding> overrideReasons, List<Link> links) {
        return new Card(CardId.mint(source.topic().code()), summary, detail, indicator, source, suggestions,
                suggestions.isEmpty() ? null : SelectionBehavior.ANY, overrideReasons, links);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
