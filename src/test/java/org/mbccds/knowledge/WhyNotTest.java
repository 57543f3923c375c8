package org.mbccds.knowledge;

import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.mbccds.testing.Fhir;
import org.mbccds.testing.Knowledge;
import org.mbccds.testing.RxNorm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The three "why not" explanations fire with the fact that rules the option out, and only then. */
class WhyNotTest {

    static List<String> whyNot(Resource... extra) {
        List<Resource> rs = new ArrayList<>(List.of(Fhir.woman("1955-03-01"), Fhir.breastCancer("2024-01-01"),
                Fhir.boneMetastasis("2024-02-01")));
        rs.addAll(Arrays.asList(extra));
        return Knowledge.forPatient(Fhir.record(rs.toArray(Resource[]::new))).ruledOut().stream().map(r -> r.rule().id()).toList();
    }

    @Test
    void cdk46AfterProgression() {
        assertThat(whyNot(Fhir.erPositive("2024-01-01"), Fhir.her2Ihc(1, "2024-01-01"),
                Fhir.taking(RxNorm.LETROZOLE_SCD, "2024-02-15", "2025-06-01", "stopped"),
                Fhir.taking(RxNorm.PALBOCICLIB_SCD, "2024-02-15", "2025-06-01", "stopped"), Fhir.diseaseWorsened("2025-06-01")))
                .contains("why-not.cdk46-after-progression");
        assertThat(whyNot(Fhir.erPositive("2024-01-01"), Fhir.her2Ihc(1, "2024-01-01"))).doesNotContain("why-not.cdk46-after-progression");
    }

    @Test
    void her2DirectedInHer2Negative() {
        var d = Knowledge.forPatient(Fhir.record(Fhir.woman("1955-03-01"), Fhir.breastCancer("2024-01-01"),
                Fhir.boneMetastasis("2024-02-01"), Fhir.erPositive("2024-01-01"), Fhir.her2Ihc(0, "2024-01-01")));
        var why = d.ruledOut().stream().filter(r -> r.rule().id().equals("why-not.her2-directed-in-her2-negative")).findFirst().orElseThrow();
        assertThat(why.because()).anyMatch(e -> e.statement().startsWith("HER2 IHC 0"));
        assertThat(whyNot(Fhir.erPositive("2024-01-01"), Fhir.her2Ihc(3, "2024-01-01"))).doesNotContain("why-not.her2-directed-in-her2-negative");
    }

    @Test
    void immunotherapyWithCpsBelowTen() {
        Resource[] tnbc = {Fhir.erNegative("2024-01-01"), Fhir.prNegative("2024-01-01"), Fhir.her2Ihc(0, "2024-01-01")};
        List<Resource> low = new ArrayList<>(Arrays.asList(tnbc));
        low.add(Fhir.pdl1Cps(4, "2024-01-01"));
        assertThat(whyNot(low.toArray(Resource[]::new))).contains("why-not.immunotherapy-cps-below-10");
        List<Resource> high = new ArrayList<>(Arrays.asList(tnbc));
        high.add(Fhir.pdl1Cps(30, "2024-01-01"));
        assertThat(whyNot(high.toArray(Resource[]::new))).doesNotContain("why-not.immunotherapy-cps-below-10");
    }
}
