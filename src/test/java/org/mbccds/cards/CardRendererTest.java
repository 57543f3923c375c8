package org.mbccds.cards;

import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;
import org.mbccds.cdshooks.Action;
import org.mbccds.cdshooks.Card;
import org.mbccds.cdshooks.Indicator;
import org.mbccds.cdshooks.SelectionBehavior;
import org.mbccds.knowledge.Decisions;
import org.mbccds.testing.Fhir;
import org.mbccds.testing.Knowledge;
import org.mbccds.testing.RxNorm;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CardRendererTest {
    private final CardRenderer renderer = new CardRenderer(new CardsConfig() {
        @Override
        public Optional<String> iconUrl() {
            return Optional.empty();
        }

        @Override
        public String trialSearchUrl() {
            return "https://clinicaltrials.gov/search";
        }
    });

    private List<Card> patientCards() {
        Decisions d = Knowledge.forPatient(Fhir.record(Fhir.woman("1955-03-01"), Fhir.breastCancer("2026-08-01"),
                Fhir.boneMetastasis("2026-08-10"), Fhir.erPositive("2026-08-01"), Fhir.prPositive("2026-08-01"),
                Fhir.her2Ihc(1, "2026-08-01")));
        return renderer.patientCards(d);
    }

    @Test
    void summaryComesFirstAndNamesSubtypeHer2AndLine() {
        Card summary = patientCards().get(0);
        assertThat(summary.summary()).startsWith("HR+/HER2- metastatic breast cancer (HER2-low): line 1 next");
        assertThat(summary.detail()).contains("| ER positive | 2026-08-01 | Observation/").contains("mbc-cds knowledge " + Knowledge.RULES.version().version());
        assertThat(summary.source().topic().code()).isEqualTo("mbc.summary");
    }

    @Test
    void whyNotNamesTheFactThatRulesTheOptionOutWithoutRepeatingTheFactsTable() {
        Decisions d = Knowledge.forPatient(Fhir.record(Fhir.woman("1955-03-01"), Fhir.breastCancer("2024-01-01"),
                Fhir.boneMetastasis("2024-02-01"), Fhir.erPositive("2024-01-01"), Fhir.her2Ihc(1, "2024-01-01"),
                Fhir.taking(RxNorm.LETROZOLE_SCD, "2024-02-15", "2025-06-01", "stopped"),
                Fhir.taking(RxNorm.PALBOCICLIB_SCD, "2024-02-15", "2025-06-01", "stopped"), Fhir.diseaseWorsened("2025-06-01")));
        String detail = renderer.patientCards(d).get(0).detail();
        String whyNot = detail.substring(detail.indexOf("#### Why not"));
        String cdk = whyNot.lines().filter(l -> l.startsWith("- **The same CDK4/6 inhibitor again**")).findFirst().orElseThrow();
        assertThat(cdk).contains("progression on line 1").contains("palbociclib").doesNotContain("ER positive");
        String her2 = whyNot.lines().filter(l -> l.startsWith("- **HER2-directed")).findFirst().orElseThrow();
        assertThat(her2).contains("HER2 IHC 1+").doesNotContain("Secondary malignant neoplasm");
    }

    @Test
    void optionCardsSuggestDraftRxNormOrdersWithUuidsAndCiteTheirRule() {
        Card first = patientCards().get(1);
        assertThat(first.summary()).startsWith("Option 1: Non-steroidal aromatase inhibitor + CDK4/6 inhibitor");
        assertThat(first.source().topic().code()).isEqualTo("hr-pos-her2-neg.l1.nsai-cdk46");
        assertThat(first.source().url()).startsWith("https://");
        assertThat(first.selectionBehavior()).isEqualTo(SelectionBehavior.ANY);
        assertThat(first.suggestions()).hasSize(5).allSatisfy(s -> {
            assertThat(s.uuid()).isNotBlank();
            Action create = s.actions().get(0);
            assertThat(create.type()).isEqualTo(Action.Type.CREATE);
            MedicationRequest mr = (MedicationRequest) create.resource();
            assertThat(mr.getStatus()).isEqualTo(MedicationRequest.MedicationRequestStatus.DRAFT);
            assertThat(mr.getMedicationCodeableConcept().getCodingFirstRep().getSystem())
                    .isEqualTo("http://www.nlm.nih.gov/research/umls/rxnorm");
            assertThat(mr.getSubject().getReference()).isEqualTo("Patient/" + Fhir.PATIENT_ID);
        });
        assertThat(first.suggestions()).extracting(s -> ((MedicationRequest) s.actions().get(0).resource())
                .getMedicationCodeableConcept().getCodingFirstRep().getCode()).contains("72965", "84857", "1873916");
        assertThat(first.detail()).contains("**Evidence**").contains("**Why it fits**").contains("rule `hr-pos-her2-neg.l1.nsai-cdk46`");
    }

    @Test
    void unconfirmedRulesSaySoInSummaryAndDetail() {
        Decisions d = Knowledge.forPatient(Fhir.record(Fhir.woman("1955-03-01"), Fhir.breastCancer("2026-08-01"),
                Fhir.boneMetastasis("2026-08-10"), Fhir.erNegative("2026-08-01"), Fhir.prNegative("2026-08-01"),
                Fhir.her2Ihc(3, "2026-08-01")));
        Card tdxd = renderer.patientCards(d).stream().filter(c -> c.source().topic().code().equals("her2-pos.l1.tdxd-pertuzumab"))
                .findFirst().orElseThrow();
        assertThat(tdxd.summary()).contains("(either)").contains("approval reported, not confirmed in guideline");
        assertThat(tdxd.detail()).contains("Guidelines disagree");
    }

    @Test
    void boneAgentAndTrialCardsAreRendered() {
        List<Card> cards = patientCards();
        assertThat(cards).anySatisfy(c -> assertThat(c.source().topic().code()).isEqualTo("supportive.bone-modifying-agent"));
        Card trials = cards.get(cards.size() - 1);
        assertThat(trials.summary()).isEqualTo("Consider a clinical trial at this line");
        assertThat(trials.links()).isNotEmpty().allSatisfy(l -> {
            assertThat(l.type()).isEqualTo("absolute");
            assertThat(l.url()).startsWith("https://clinicaltrials.gov/search?cond=Breast%20Cancer&term=");
        });
    }

    @Test
    void orderFindingCardOffersOverrideReasonsAndRemovesTheDraft() {
        var order = Fhir.draftOrder(RxNorm.TRASTUZUMAB, "trastuzumab");
        Decisions d = Knowledge.forOrders(Fhir.record(List.of(Fhir.woman("1955-03-01"), Fhir.breastCancer("2024-01-01"),
                Fhir.boneMetastasis("2024-02-01"), Fhir.her2Ihc(1, "2024-01-01")), List.of(order)));
        Card card = renderer.orderCards(d).get(0);
        assertThat(card.indicator()).isEqualTo(Indicator.CRITICAL);
        assertThat(card.summary()).isEqualTo("trastuzumab ordered, but HER2 is negative and was never positive");
        assertThat(card.overrideReasons()).isNotEmpty().allSatisfy(r -> assertThat(r.display()).isNotBlank());
        Action delete = card.suggestions().get(0).actions().get(0);
        assertThat(delete.type()).isEqualTo(Action.Type.DELETE);
        assertThat(delete.resourceId()).isEqualTo("MedicationRequest/" + order.getIdElement().getIdPart());
        assertThat(card.detail()).contains("HER2 IHC 1+");
    }

    @Test
    void optionsAreNumberedByPositionNotBySpecRank() {
        Decisions d = Knowledge.forPatient(Fhir.example("trial-matching/TrialMatching_Patient01.json"));
        List<String> summaries = renderer.patientCards(d).stream().map(Card::summary).filter(s -> s.startsWith("Option")).toList();
        assertThat(d.options()).extracting(o -> o.rule().rank()).doesNotContain(1);
        assertThat(summaries).isNotEmpty();
        assertThat(summaries.get(0)).startsWith("Option 1");
    }

    @Test
    void dataGapCardOnOrderHooksOnlyForOrdersTheRulesKnow() {
        var r = Fhir.record(List.of(Fhir.woman("1955-03-01")), List.of(Fhir.draftOrder("723", "amoxicillin 500 MG")));
        var withGap = new org.mbccds.record.PatientRecord(r.patientId(), r.patient(), r.conditions(), r.observations(),
                r.procedures(), r.medicationStatements(), r.medicationRequests(), r.medicationAdministrations(),
                r.medications(), r.draftOrders(), List.of(new org.mbccds.record.DataGap("Condition data", "server down")), r.notes());
        assertThat(renderer.orderCards(Knowledge.forOrders(withGap))).isEmpty();
        var cancerDrug = Fhir.record(List.of(Fhir.woman("1955-03-01")), List.of(Fhir.draftOrder(RxNorm.LETROZOLE_SCD, null)));
        var cancerWithGap = new org.mbccds.record.PatientRecord(cancerDrug.patientId(), cancerDrug.patient(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), cancerDrug.medications(), cancerDrug.draftOrders(),
                List.of(new org.mbccds.record.DataGap("Condition data", "server down")), List.of());
        assertThat(renderer.orderCards(Knowledge.forOrders(cancerWithGap))).extracting(c -> c.source().topic().code())
                .contains("mbc.data-gap");
    }

    @Test
    void recordTextIsEscapedInMarkdown() {
        assertThat(Markdown.escape("a|b <script>")).isEqualTo("a\\|b \\<script\\>");
        assertThat(Markdown.fit("x".repeat(200))).hasSize(139);
    }

    /**
     * Draft orders are written without HAPI's encoder (JacksonSetup.writeDraftOrder): the JSON must be what HAPI
     * writes for every draft order of a patient-view and an order-select answer, so a field added to the draft order
     * later cannot be dropped silently.
     */
    @Test
    void draftOrdersAreWrittenExactlyAsHapiWritesThem() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        new org.mbccds.hooks.JacksonSetup(Knowledge.FHIR).customize(mapper);
        List<Card> cards = new java.util.ArrayList<>(patientCards());
        cards.addAll(renderer.orderCards(Knowledge.forOrders(Fhir.record(List.of(Fhir.woman("1955-03-01"),
                Fhir.breastCancer("2024-01-01"), Fhir.boneMetastasis("2024-02-01"), Fhir.her2Ihc(1, "2024-01-01")),
                List.of(Fhir.draftOrder(RxNorm.TRASTUZUMAB, "trastuzumab"))))));
        List<MedicationRequest> drafts = cards.stream().flatMap(c -> c.suggestions().stream())
                .flatMap(s -> s.actions().stream()).map(Action::resource).filter(r -> r instanceof MedicationRequest)
                .map(r -> (MedicationRequest) r).toList();
        assertThat(drafts).hasSizeGreaterThan(3).allSatisfy(mr -> assertThat(mr.getUserData(CardRenderer.DRAFT_ORDER)).isNotNull());
        for (MedicationRequest mr : drafts) {
            String hapi = Knowledge.FHIR.newJsonParser().encodeResourceToString(mr);
            String ours = mapper.writeValueAsString(new Action(Action.Type.CREATE, "d", mr, null));
            assertThat(mapper.readTree(ours).get("resource").toString()).isEqualTo(mapper.readTree(hapi).toString());
        }
    }
}
