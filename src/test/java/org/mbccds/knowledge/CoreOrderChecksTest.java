package org.mbccds.knowledge;

import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.mbccds.testing.Fhir;
import org.mbccds.testing.Knowledge;

import static org.mbccds.testing.RxNorm.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Order checks of the service issue: E1, E2, E7, E8, E10, E13, E18, E36 (+ E21, E37, E57), each fires and stays quiet. */
class CoreOrderChecksTest {

    static List<String> findings(List<Resource> record, MedicationRequest... orders) {
        List<Resource> rs = new ArrayList<>(record);
        return Knowledge.forOrders(Fhir.record(rs, Arrays.asList(orders))).orderFindings().stream()
                .map(f -> f.rule().id()).toList();
    }

    static List<Resource> patient(String birthDate, Resource... extra) {
        List<Resource> rs = new ArrayList<>(List.of(Fhir.woman(birthDate), Fhir.breastCancer("2024-01-01"), Fhir.boneMetastasis("2024-02-01")));
        rs.addAll(Arrays.asList(extra));
        return rs;
    }

    static MedicationRequest order(String rxnorm) {
        return Fhir.draftOrder(rxnorm, null);
    }

    @Test
    void e1TrastuzumabInHer2Negative() {
        assertThat(findings(patient("1955-01-01", Fhir.her2Ihc(1, "2024-01-01")), order(TRASTUZUMAB)))
                .containsExactly("order.e1.her2-directed-in-her2-negative");
        assertThat(findings(patient("1955-01-01", Fhir.her2Ihc(3, "2020-01-01"), Fhir.her2Ihc(1, "2024-01-01")), order(TRASTUZUMAB)))
                .isEmpty();
    }

    @Test
    void e57Her2DirectedWithHer2Unknown() {
        assertThat(findings(patient("1955-01-01"), order(TRASTUZUMAB))).containsExactly("order.e57.her2-directed-with-her2-unknown");
    }

    @Test
    void e2TdxdInHer2Zero() {
        var zero = Fhir.her2Ihc(0, "2024-01-01");
        zero.addNote().setText("IHC 0, no membrane staining");
        assertThat(findings(patient("1955-01-01", zero), order(ENHERTU_SBD))).containsExactly("order.e2.tdxd-in-her2-zero");
        assertThat(findings(patient("1955-01-01", Fhir.her2Ihc(1, "2024-01-01")), order(ENHERTU_SBD))).isEmpty();
        // T-DXd is not trastuzumab: E1 must not fire on it.
        assertThat(findings(patient("1955-01-01", Fhir.her2Ihc(1, "2024-01-01")), order(ENHERTU_SBD)))
                .doesNotContain("order.e1.her2-directed-in-her2-negative");
    }

    @Test
    void e7EndocrineTherapyByHormoneReceptorHistory() {
        assertThat(findings(patient("1955-01-01", Fhir.erNegative("2024-01-01"), Fhir.prNegative("2024-01-01")), order(LETROZOLE_SCD)))
                .containsExactly("order.e7.endocrine-in-hr-negative");
        assertThat(findings(patient("1955-01-01", Fhir.erPositive("2020-01-01"), Fhir.erNegative("2024-01-01"),
                Fhir.prNegative("2024-01-01")), order(LETROZOLE_SCD))).containsExactly("order.e7.endocrine-with-discordant-hr");
        assertThat(findings(patient("1955-01-01", Fhir.erPercent(4, "2024-01-01"), Fhir.prNegative("2024-01-01")), order(LETROZOLE_SCD)))
                .containsExactly("order.e7.endocrine-in-er-low");
        assertThat(findings(patient("1955-01-01", Fhir.erPositive("2024-01-01"), Fhir.prPositive("2024-01-01")), order(LETROZOLE_SCD)))
                .isEmpty();
    }

    @Test
    void e8SameCdk46AfterProgressionAndTheSwitch() {
        Resource[] progressed = {Fhir.erPositive("2024-01-01"), Fhir.taking(LETROZOLE_SCD, "2024-02-15", "2025-06-01", "stopped"),
                Fhir.taking(PALBOCICLIB_SCD, "2024-02-15", "2025-06-01", "stopped"), Fhir.diseaseWorsened("2025-06-01")};
        assertThat(findings(patient("1955-01-01", progressed), order(PALBOCICLIB_SCD)))
                .containsExactly("order.e8.same-cdk46-after-progression");
        assertThat(findings(patient("1955-01-01", progressed), order(VERZENIO_SBD)))
                .containsExactly("order.e8.cdk46-switch-after-progression");
        assertThat(findings(patient("1955-01-01", Fhir.erPositive("2024-01-01")), order(PALBOCICLIB_SCD))).isEmpty();
    }

    @Test
    void e10TamoxifenWithAnAromataseInhibitor() {
        assertThat(findings(patient("1955-01-01", Fhir.erPositive("2024-01-01")), order(TAMOXIFEN_SCD), order(LETROZOLE_SCD)))
                .containsExactlyInAnyOrder("order.e10.tamoxifen-with-ai", "order.e10.ai-with-tamoxifen");
        assertThat(findings(patient("1955-01-01", Fhir.erPositive("2024-01-01"), Fhir.taking(LETROZOLE_SCD, "2024-03-01", null, "active")),
                order(TAMOXIFEN_SCD))).containsExactly("order.e10.tamoxifen-with-ai");
        assertThat(findings(patient("1955-01-01", Fhir.erPositive("2024-01-01")), order(TAMOXIFEN_SCD))).isEmpty();
    }

    @Test
    void e13PremenopausalWithoutOvarianSuppression() {
        assertThat(findings(patient("1985-01-01", Fhir.erPositive("2024-01-01")), order(LETROZOLE_SCD)))
                .containsExactly("order.e13.ai-premenopausal-without-ofs");
        assertThat(findings(patient("1985-01-01", Fhir.erPositive("2024-01-01")), order(PALBOCICLIB_SCD)))
                .containsExactly("order.e13.endocrine-premenopausal-without-ofs");
        assertThat(findings(patient("1985-01-01", Fhir.erPositive("2024-01-01")), order(LETROZOLE_SCD), order(LEUPROLIDE_PRODUCT)))
                .isEmpty();
        assertThat(findings(patient("1955-01-01", Fhir.erPositive("2024-01-01")), order(LETROZOLE_SCD))).isEmpty();
        // Tamoxifen is the one endocrine therapy that needs no OFS.
        assertThat(findings(patient("1985-01-01", Fhir.erPositive("2024-01-01")), order(TAMOXIFEN_SCD))).isEmpty();
    }

    @Test
    void e18AndE21ParpInhibitorByGermlineStatus() {
        var negative = Fhir.coded("21636-6", Fhir.SNOMED, "412736006", "2024-01-01");
        assertThat(findings(patient("1955-01-01", negative), order(OLAPARIB))).containsExactly("order.e18.parpi-gbrca-negative");
        assertThat(findings(patient("1955-01-01"), order(OLAPARIB))).containsExactly("order.e21.parpi-germline-unknown");
        assertThat(findings(patient("1955-01-01", Fhir.variant("HGNC:1101", "LA6683-2", "2024-01-01")), order(OLAPARIB))).isEmpty();
        assertThat(findings(patient("1955-01-01", negative, Fhir.variant("HGNC:26144", "LA6683-2", "2024-01-01")), order(OLAPARIB)))
                .doesNotContain("order.e18.parpi-gbrca-negative");
    }

    @Test
    void e36AndE37PembrolizumabInTnbcByCps() {
        Resource[] tnbc = {Fhir.erNegative("2024-01-01"), Fhir.prNegative("2024-01-01"), Fhir.her2Ihc(0, "2024-01-01")};
        List<Resource> low = patient("1955-01-01", tnbc);
        low.add(Fhir.pdl1Cps(2, "2024-01-01"));
        assertThat(findings(low, order(PEMBROLIZUMAB))).containsExactly("order.e36.pembrolizumab-tnbc-cps-below-10");
        List<Resource> msi = new ArrayList<>(low);
        msi.add(Fhir.coded("81695-9", Fhir.LOINC, "LA26203-2", "2024-01-01"));
        assertThat(findings(msi, order(PEMBROLIZUMAB))).isEmpty();
        List<Resource> high = patient("1955-01-01", tnbc);
        high.add(Fhir.pdl1Cps(22, "2024-01-01"));
        assertThat(findings(high, order(PEMBROLIZUMAB))).isEmpty();
        assertThat(findings(patient("1955-01-01", tnbc), order(PEMBROLIZUMAB))).containsExactly("order.e37.pembrolizumab-tnbc-cps-unknown");
    }

    @Test
    void onlySelectedOrdersAreChecked() {
        var trastuzumab = order(TRASTUZUMAB);
        var record = Fhir.record(patient("1955-01-01", Fhir.her2Ihc(1, "2024-01-01")), List.of());
        var withUnselected = new org.mbccds.record.PatientRecord(record.patientId(), record.patient(), record.conditions(),
                record.observations(), record.procedures(), record.medicationStatements(), record.medicationRequests(),
                record.medicationAdministrations(), record.medications(),
                List.of(new org.mbccds.record.DraftOrder(trastuzumab, false)), record.gaps(), record.notes());
        assertThat(Knowledge.forOrders(withUnselected).orderFindings()).isEmpty();
    }

    @Test
    void orderChecksNameOverrideReasonsWithDisplays() {
        for (Rule r : Knowledge.RULES.rules(Rule.Type.ORDER_CHECK)) {
            assertThat(r.orderCheck().overrideReasons()).as(r.id()).isNotEmpty().allMatch(o -> !o.display().isBlank());
        }
    }
}
