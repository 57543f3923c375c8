package org.mbccds.knowledge;

import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.mbccds.record.PatientRecord;
import org.mbccds.testing.Fhir;
import org.mbccds.testing.Knowledge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** First-line options per subtype (therapy-rules §B1, §B3, §B4): each rule fires where it should and nowhere else. */
class FirstLineOptionsTest {

    static PatientRecord metastatic(Resource... extra) {
        List<Resource> rs = new ArrayList<>(List.of(Fhir.woman("1955-03-01"), Fhir.breastCancer("2026-08-01"),
                Fhir.boneMetastasis("2026-08-10")));
        rs.addAll(Arrays.asList(extra));
        return Fhir.record(rs.toArray(Resource[]::new));
    }

    static List<String> options(PatientRecord r) {
        return Knowledge.forPatient(r).options().stream().map(o -> o.rule().id()).toList();
    }

    static final Resource[] HR_POS_HER2_NEG = {Fhir.erPositive("2026-08-01"), Fhir.prPositive("2026-08-01"), Fhir.her2Ihc(1, "2026-08-01")};

    @Test
    void endocrineSensitiveHrPositiveGetsNsaiPlusCdk46First() {
        var d = Knowledge.forPatient(metastatic(HR_POS_HER2_NEG));
        assertThat(d.options().get(0).rule().id()).isEqualTo("hr-pos-her2-neg.l1.nsai-cdk46");
        assertThat(options(metastatic(HR_POS_HER2_NEG))).contains("hr-pos-her2-neg.l1.endocrine-alone")
                .doesNotContain("hr-pos-her2-neg.l1.fulvestrant-cdk46", "hr-pos-her2-neg.l1.inavolisib-palbociclib-fulvestrant");
        assertThat(d.options().get(0).because()).anyMatch(e -> e.statement().startsWith("ER positive"));
    }

    @Test
    void premenopausalWomanGetsOvarianSuppressionAddedToTheAiOption() {
        List<Resource> rs = new ArrayList<>(List.of(HR_POS_HER2_NEG));
        var d = Knowledge.forPatient(Fhir.record(Fhir.woman("1985-01-01"), Fhir.breastCancer("2026-08-01"),
                Fhir.boneMetastasis("2026-08-10"), rs.get(0), rs.get(1), rs.get(2)));
        var nsai = d.options().stream().filter(o -> o.rule().id().equals("hr-pos-her2-neg.l1.nsai-cdk46")).findFirst().orElseThrow();
        assertThat(nsai.regimen()).anyMatch(c -> c.role().equals("Ovarian function suppression"));
        assertThat(nsai.cautions()).anyMatch(c -> c.contains("ovarian function suppression"));
        var post = Knowledge.forPatient(metastatic(HR_POS_HER2_NEG)).options().get(0);
        assertThat(post.regimen()).noneMatch(c -> c.role().equals("Ovarian function suppression"));
    }

    @Test
    void relapseWithinTwelveMonthsOfAdjuvantAiRoutesByPik3ca() {
        Resource[] adjuvant = {Fhir.woman("1955-03-01"), Fhir.breastCancer("2020-01-01"),
                Fhir.taking("199224", "2020-06-01", "2026-02-01", "completed"), Fhir.boneMetastasis("2026-08-10"),
                HR_POS_HER2_NEG[0], HR_POS_HER2_NEG[1], HR_POS_HER2_NEG[2]};
        assertThat(options(Fhir.record(adjuvant))).contains("hr-pos-her2-neg.l1.fulvestrant-cdk46")
                .doesNotContain("hr-pos-her2-neg.l1.nsai-cdk46", "hr-pos-her2-neg.l1.inavolisib-palbociclib-fulvestrant");
        List<Resource> mutant = new ArrayList<>(Arrays.asList(adjuvant));
        mutant.add(Fhir.variant("HGNC:8975", "LA6684-0", "2026-08-15"));
        assertThat(options(Fhir.record(mutant.toArray(Resource[]::new))))
                .contains("hr-pos-her2-neg.l1.inavolisib-palbociclib-fulvestrant")
                .doesNotContain("hr-pos-her2-neg.l1.fulvestrant-cdk46");
    }

    @Test
    void noFirstLineOptionsOnceAMetastaticLineIsRecorded() {
        var r = metastatic(HR_POS_HER2_NEG[0], HR_POS_HER2_NEG[1], HR_POS_HER2_NEG[2],
                Fhir.taking("200064", "2026-08-20", null, "active"));
        assertThat(options(r)).noneMatch(id -> id.startsWith("hr-pos-her2-neg.l1."));
    }

    @Test
    void her2PositiveGetsBothFirstLineOptionsAsEither() {
        var d = Knowledge.forPatient(metastatic(Fhir.erNegative("2026-08-01"), Fhir.prNegative("2026-08-01"), Fhir.her2Ihc(3, "2026-08-01")));
        assertThat(d.options().stream().map(o -> o.rule().id()))
                .containsExactlyInAnyOrder("her2-pos.l1.tdxd-pertuzumab", "her2-pos.l1.thp");
        assertThat(d.options()).allMatch(o -> o.rule().rank() == 1);
    }

    @Test
    void her2PositiveAfterAntiHer2IsSecondLineTdxd() {
        var r = metastatic(Fhir.erNegative("2026-08-01"), Fhir.prNegative("2026-08-01"), Fhir.her2Ihc(3, "2026-08-01"),
                Fhir.taking("224905", "2026-08-15", "2026-10-01", "stopped"), Fhir.diseaseWorsened("2026-10-01"));
        assertThat(options(r)).contains("her2-pos.l2.tdxd").doesNotContain("her2-pos.l1.thp");
    }

    @Test
    void tripleNegativeFollowsCps() {
        Resource[] tnbc = {Fhir.erNegative("2026-08-01"), Fhir.prNegative("2026-08-01"), Fhir.her2Ihc(0, "2026-08-01")};
        List<Resource> high = new ArrayList<>(Arrays.asList(tnbc));
        high.add(Fhir.pdl1Cps(15, "2026-08-01"));
        assertThat(options(metastatic(high.toArray(Resource[]::new))))
                .containsExactlyInAnyOrder("tnbc.l1.pembrolizumab-chemo", "tnbc.l1.sacituzumab-pembrolizumab");
        List<Resource> low = new ArrayList<>(Arrays.asList(tnbc));
        low.add(Fhir.pdl1Cps(3, "2026-08-01"));
        assertThat(options(metastatic(low.toArray(Resource[]::new))))
                .containsExactlyInAnyOrder("tnbc.l1.datopotamab-deruxtecan", "tnbc.l1.sacituzumab", "tnbc.l1.single-agent-chemotherapy");
        assertThat(options(metastatic(tnbc))).isEmpty();
    }

    @Test
    void germlineBrcaCarrierGetsParpInhibitorAlternative() {
        var r = metastatic(HR_POS_HER2_NEG[0], HR_POS_HER2_NEG[1], HR_POS_HER2_NEG[2], Fhir.variant("HGNC:1100", "LA6683-2", "2026-08-01"));
        assertThat(options(r)).contains("gbrca.l1-3.parp-inhibitor");
        assertThat(options(metastatic(HR_POS_HER2_NEG))).doesNotContain("gbrca.l1-3.parp-inhibitor");
    }

    @Test
    void unknownSubtypeGivesNoOptionsButTests() {
        var d = Knowledge.forPatient(metastatic());
        assertThat(d.options()).isEmpty();
        assertThat(d.missingTests().stream().map(t -> t.rule().id())).contains("test.er-pr-unknown", "test.her2-unknown");
    }

    @Test
    void noDecisionsWithoutMetastaticBreastCancer() {
        var d = Knowledge.forPatient(Fhir.example("mcode/Bundle-mcode-patient-bundle-jenny-m.json"));
        assertThat(d.empty()).isTrue();
    }

    @Test
    void optionsCiteSourceEvidenceAndKnowledgeVersion() {
        for (Rule r : Knowledge.RULES.rules()) {
            assertThat(r.source().url()).as(r.id()).startsWith("http");
            assertThat(r.evidence()).as(r.id()).isNotBlank();
            assertThat(r.specRef()).as(r.id()).contains("therapy-rules");
        }
        assertThat(Knowledge.RULES.version().version()).isNotBlank();
    }
}
