package org.mbccds.knowledge;

import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.mbccds.testing.Fhir;
import org.mbccds.testing.Knowledge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Missing tests (§A3), the bone-modifying agent (§C) and trial consideration (§D). */
class TestsSupportiveAndTrialsTest {

    static Decisions decide(Resource... extra) {
        List<Resource> rs = new ArrayList<>(List.of(Fhir.woman("1955-03-01"), Fhir.breastCancer("2026-08-01"),
                Fhir.liverMetastasis("2026-08-10")));
        rs.addAll(Arrays.asList(extra));
        return Knowledge.forPatient(Fhir.record(rs.toArray(Resource[]::new)));
    }

    static List<String> tests(Decisions d) {
        return d.missingTests().stream().map(t -> t.rule().id()).toList();
    }

    @Test
    void her2TestsFollowTheRecordedResult() {
        assertThat(tests(decide(Fhir.erPositive("2026-08-01"), Fhir.her2Ihc(2, "2026-08-01")))).contains("test.her2-ihc2-reflex-ish");
        assertThat(tests(decide(Fhir.erPositive("2026-08-01"), Fhir.her2Negative("2026-08-01")))).contains("test.her2-ihc-score-not-recorded");
        assertThat(tests(decide(Fhir.erPositive("2026-08-01"), Fhir.her2Ihc(1, "2026-08-01"))))
                .doesNotContain("test.her2-ihc2-reflex-ish", "test.her2-ihc-score-not-recorded", "test.her2-unknown");
    }

    @Test
    void hrPositiveNeedsPik3caAndGermlineTestingUntilRecorded() {
        assertThat(tests(decide(Fhir.erPositive("2026-08-01"), Fhir.her2Ihc(1, "2026-08-01"))))
                .contains("test.pik3ca-akt1-pten", "test.germline-brca");
        assertThat(tests(decide(Fhir.erPositive("2026-08-01"), Fhir.her2Ihc(1, "2026-08-01"),
                Fhir.variant("HGNC:8975", null, "2026-08-01"), Fhir.coded("21636-6", Fhir.SNOMED, "412736006", "2026-08-01"))))
                .doesNotContain("test.pik3ca-akt1-pten", "test.germline-brca");
    }

    @Test
    void anAbsentResultAsksForATestOnlyWhenObservationsWereRead() {
        var read = Fhir.record(Fhir.woman("1955-03-01"), Fhir.breastCancer("2026-08-01"), Fhir.liverMetastasis("2026-08-10"));
        assertThat(tests(Knowledge.forPatient(read))).contains("test.er-pr-unknown", "test.her2-unknown");
        var unread = new org.mbccds.record.PatientRecord(read.patientId(), read.patient(), read.conditions(), read.observations(),
                read.procedures(), read.medicationStatements(), read.medicationRequests(), read.medicationAdministrations(),
                read.medications(), read.draftOrders(), read.gaps(), read.notes(), java.util.Set.of("Observation"));
        assertThat(tests(Knowledge.forPatient(unread))).doesNotContain("test.er-pr-unknown", "test.her2-unknown");
    }

    @Test
    void tripleNegativeWithoutCpsNeedsPdl1() {
        assertThat(tests(decide(Fhir.erNegative("2026-08-01"), Fhir.prNegative("2026-08-01"), Fhir.her2Ihc(0, "2026-08-01"))))
                .contains("test.pdl1-cps");
        assertThat(tests(decide(Fhir.erNegative("2026-08-01"), Fhir.prNegative("2026-08-01"), Fhir.her2Ihc(0, "2026-08-01"),
                Fhir.pdl1Cps(4, "2026-08-01")))).doesNotContain("test.pdl1-cps");
    }

    @Test
    void esr1IsTestedAtProgressionOnEndocrineTherapy() {
        Resource[] progressed = {Fhir.erPositive("2026-08-01"), Fhir.her2Ihc(1, "2026-08-01"),
                Fhir.taking("200064", "2026-08-15", "2026-11-01", "stopped"), Fhir.diseaseWorsened("2026-11-01")};
        assertThat(tests(decide(progressed))).contains("test.esr1-at-progression");
        assertThat(tests(decide(Fhir.erPositive("2026-08-01"), Fhir.her2Ihc(1, "2026-08-01")))).doesNotContain("test.esr1-at-progression");
    }

    @Test
    void boneMetastasesGetABoneAgentUnlessOneIsInUse() {
        Decisions d = Knowledge.forPatient(Fhir.record(Fhir.woman("1955-03-01"), Fhir.breastCancer("2026-08-01"),
                Fhir.boneMetastasis("2026-08-10"), Fhir.erPositive("2026-08-01")));
        assertThat(d.supportiveCare()).extracting(s -> s.rule().id()).containsExactly("supportive.bone-modifying-agent");
        Decisions onDenosumab = Knowledge.forPatient(Fhir.record(Fhir.woman("1955-03-01"), Fhir.breastCancer("2026-08-01"),
                Fhir.boneMetastasis("2026-08-10"), Fhir.erPositive("2026-08-01"), Fhir.taking("993452", "2026-09-01", null, "active")));
        assertThat(onDenosumab.supportiveCare()).isEmpty();
        assertThat(decide(Fhir.erPositive("2026-08-01")).supportiveCare()).isEmpty();
    }

    @Test
    void trialSearchesUseThePatientsPositiveMarkersOnly() {
        Decisions d = Knowledge.forPatient(Fhir.example("trial-matching/TrialMatching_Patient01.json"));
        var postCdk = d.trialSearches().stream().filter(s -> s.rule().id().equals("trial.search.hr-pos-post-cdk46")).findFirst().orElseThrow();
        assertThat(postCdk.term()).contains("ESR1 OR PIK3CA").doesNotContain("AKT1");
        assertThat(d.trialPriorities()).extracting(p -> p.rule().id()).contains("trial.priority.actionable-alteration");
    }

    @Test
    void everyMetastaticPatientGetsATrialSearch() {
        assertThat(decide(Fhir.erPositive("2026-08-01")).trialSearches()).extracting(s -> s.rule().id())
                .contains("trial.search.metastatic-breast-cancer");
        assertThat(decide(Fhir.erPositive("2026-08-01")).trialPriorities()).isEmpty();
    }

    @Test
    void menAndErLowRankTrialsFirst() {
        Decisions man = Knowledge.forPatient(Fhir.record(Fhir.man("1955-01-01"), Fhir.breastCancer("2026-08-01"),
                Fhir.boneMetastasis("2026-08-10"), Fhir.erPositive("2026-08-01")));
        assertThat(man.trialPriorities()).extracting(p -> p.rule().id()).contains("trial.priority.male-or-er-low");
    }

    @Test
    void her2ZeroWithoutStainingDetailIsRereadForUltralowAfterEndocrineTherapy() {
        Resource[] afterAi = {Fhir.erPositive("2026-08-01"), Fhir.her2Ihc(0, "2026-08-01"),
                Fhir.med("letrozole", "2026-08-15", "2026-11-01")};
        assertThat(tests(decide(afterAi))).contains("test.her2-ultralow-reread");
        assertThat(tests(decide(Fhir.erPositive("2026-08-01"), Fhir.her2Ihc(0, "2026-08-01"))))
                .as("no endocrine therapy yet: not the DESTINY-Breast06 setting").doesNotContain("test.her2-ultralow-reread");
        assertThat(tests(decide(Fhir.erPositive("2026-08-01"), Fhir.her2Null("2026-08-01"),
                Fhir.med("letrozole", "2026-08-15", "2026-11-01"))))
                .as("staining recorded as absent").doesNotContain("test.her2-ultralow-reread");
    }

    @Test
    void menopausalStatusIsAskedForOnlyWhereAgeDoesNotSettleIt() {
        Resource[] hrPositive = {Fhir.erPositive("2026-08-01"), Fhir.her2Ihc(1, "2026-08-01")};
        Decisions under60 = Knowledge.forPatient(Fhir.record(Fhir.woman("1980-03-01"), Fhir.breastCancer("2026-08-01"),
                Fhir.liverMetastasis("2026-08-10"), hrPositive[0], hrPositive[1]));
        assertThat(tests(under60)).contains("test.menopausal-status");
        Decisions recorded = Knowledge.forPatient(Fhir.record(Fhir.woman("1980-03-01"), Fhir.breastCancer("2026-08-01"),
                Fhir.liverMetastasis("2026-08-10"), hrPositive[0], hrPositive[1], Fhir.postmenopausal("2026-08-01")));
        assertThat(tests(recorded)).doesNotContain("test.menopausal-status");
        assertThat(tests(decide(hrPositive))).as("born 1955: postmenopausal by age").doesNotContain("test.menopausal-status");
    }

    @Test
    void subtypeAndSiteTrialSearchesFollowTheRecord() {
        assertThat(searches(decide(Fhir.erPositive("2026-08-01"), Fhir.her2Ihc(1, "2026-08-01"))))
                .contains("trial.search.her2-low").doesNotContain("trial.search.triple-negative", "trial.search.brain-metastases");
        assertThat(searches(decide(Fhir.erPositive("2026-08-01"), Fhir.her2Ihc(3, "2026-08-01"))))
                .doesNotContain("trial.search.her2-low");
        assertThat(searches(decide(Fhir.erNegative("2026-08-01"), Fhir.prNegative("2026-08-01"), Fhir.her2Null("2026-08-01"))))
                .contains("trial.search.triple-negative").doesNotContain("trial.search.her2-low");
        assertThat(searches(decide(Fhir.erPositive("2026-08-01"), Fhir.her2Ihc(1, "2026-08-01"),
                Fhir.brainMetastasis("2026-08-10")))).contains("trial.search.brain-metastases");
    }

    @Test
    void her2PositiveAfterTdxdSearchesForLaterHer2Trials() {
        Resource[] her2Positive = {Fhir.erNegative("2026-08-01"), Fhir.prNegative("2026-08-01"), Fhir.her2Ihc(3, "2026-08-01")};
        assertThat(searches(decide(her2Positive))).doesNotContain("trial.search.her2-pos-post-tdxd");
        assertThat(searches(decide(her2Positive[0], her2Positive[1], her2Positive[2],
                Fhir.med("fam-trastuzumab-deruxtecan", "2026-08-15", "2026-11-01"))))
                .contains("trial.search.her2-pos-post-tdxd");
    }

    @Test
    void germlineCarriersGetAGermlineTrialSearch() {
        assertThat(searches(decide(Fhir.erPositive("2026-08-01"), Fhir.her2Ihc(1, "2026-08-01"),
                Fhir.variant(Fhir.HGNC_BRCA1, Fhir.GERMLINE, "2026-08-01")))).contains("trial.search.germline");
        assertThat(searches(decide(Fhir.erPositive("2026-08-01"), Fhir.her2Ihc(1, "2026-08-01"),
                Fhir.variantAbsent(Fhir.HGNC_BRCA1, Fhir.GERMLINE, "2026-08-01")))).doesNotContain("trial.search.germline");
    }

    @Test
    void brainMetastasesAndAnAdcBeforeRankTrialsFirst() {
        assertThat(priorities(decide(Fhir.erPositive("2026-08-01"), Fhir.her2Ihc(1, "2026-08-01"),
                Fhir.brainMetastasis("2026-08-10")))).contains("trial.priority.brain-metastases");
        assertThat(priorities(decide(Fhir.erNegative("2026-08-01"), Fhir.prNegative("2026-08-01"), Fhir.her2Null("2026-08-01"),
                Fhir.med("sacituzumab-govitecan", "2026-08-15", "2026-11-01")))).contains("trial.priority.post-adc");
        assertThat(priorities(decide(Fhir.erNegative("2026-08-01"), Fhir.prNegative("2026-08-01"), Fhir.her2Null("2026-08-01"),
                Fhir.med("paclitaxel", "2026-08-15", "2026-11-01"))))
                .doesNotContain("trial.priority.post-adc", "trial.priority.brain-metastases");
    }

    private static List<String> searches(Decisions d) {
        return d.trialSearches().stream().map(s -> s.rule().id()).toList();
    }

    private static List<String> priorities(Decisions d) {
        return d.trialPriorities().stream().map(p -> p.rule().id()).toList();
    }
}
