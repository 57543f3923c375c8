package org.mbccds.knowledge;

import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.mbccds.record.PatientRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.mbccds.testing.Fhir.*;
import static org.mbccds.testing.KnowledgeAssertions.*;

/** Triple-negative, second line and later (therapy-rules §B4), and gBRCA carriers in lines 1-3. */
class TripleNegativeTest {
    private static final String MET = "2024-01-01";
    private static final String SG = "tnbc.l2.sacituzumab-govitecan";
    private static final String TDXD = "tnbc.l2.tdxd-her2-low";
    private static final String CHEMO = "tnbc.l2.chemotherapy";

    /** ER-/PR-, PD-L1 CPS 5, bone metastasis 2024-01-01; HER2 given by the caller. */
    private static PatientRecord tnbc(Resource her2, Resource... extra) {
        List<Resource> r = new ArrayList<>(List.of(woman("1960-01-01"), breastCancer("2018-03-01"), boneMetastasis(MET),
                erNegative(MET), prNegative(MET), her2, pdl1Cps(5, MET)));
        r.addAll(Arrays.asList(extra));
        return record(r, List.of());
    }

    private static Resource her2Low() {
        return her2Ihc(1, MET);
    }

    /** Line 1: paclitaxel, progression. */
    private static Resource[] paclitaxelProgressed() {
        return all(med("paclitaxel", "2024-01-15", "2024-07-01"), diseaseWorsened("2024-06-20"));
    }

    /** Line 1: sacituzumab govitecan (ASCENT-03), progression. */
    private static Resource[] sacituzumabProgressed() {
        return all(med("sacituzumab-govitecan", "2024-01-15", "2024-12-01"), diseaseWorsened("2024-11-20"));
    }

    @Test
    void sacituzumabInSecondLine() {
        PatientRecord r = tnbc(her2Null(MET), paclitaxelProgressed());
        assertFires(SG, r);
        assertCaution(SG, "confirm the count", r);
    }

    @Test
    void sacituzumabOfSecondLineNotInFirstLine() {
        PatientRecord r = tnbc(her2Null(MET));
        assertSilent(SG, r);
        assertFires("tnbc.l1.sacituzumab", r);
    }

    @Test
    void sacituzumabRuledOutWhenAlreadyUsed() {
        assertRuledOut(SG, "already used", tnbc(her2Null(MET), sacituzumabProgressed()));
    }

    @Test
    void tdxdForHer2LowAfterChemotherapy() {
        assertFires(TDXD, tnbc(her2Low(), paclitaxelProgressed()));
    }

    @Test
    void tdxdNotForHer2ZeroOrWithoutChemotherapy() {
        assertSilent(TDXD, tnbc(her2Null(MET), paclitaxelProgressed()));
        assertSilent(TDXD, tnbc(her2Ultralow(MET), paclitaxelProgressed()));
        assertSilent(TDXD, tnbc(her2Low(), sacituzumabProgressed()));
    }

    @Test
    void tdxdAfterAnotherTopoisomeraseAdcCautionsCrossResistance() {
        PatientRecord r = tnbc(her2Low(), all(sacituzumabProgressed(), med("paclitaxel", "2024-12-10", "2025-06-01"),
                diseaseWorsened("2025-05-20")));
        assertCaution(TDXD, "cross-resistance", r);
    }

    @Test
    void tdxdNotRepeated() {
        PatientRecord r = tnbc(her2Low(), all(paclitaxelProgressed(), med("fam-trastuzumab-deruxtecan", "2024-07-10", "2025-03-01"),
                diseaseWorsened("2025-02-20")));
        assertRuledOut(TDXD, "Prior T-DXd", r);
    }

    @Test
    void chemotherapyInSecondLine() {
        assertFires(CHEMO, tnbc(her2Null(MET), sacituzumabProgressed()));
    }

    @Test
    void chemotherapyOfSecondLineNotInFirstLine() {
        PatientRecord r = tnbc(her2Null(MET));
        assertSilent(CHEMO, r);
        assertFires("tnbc.l1.single-agent-chemotherapy", r);
    }

    @Test
    void germlineBrcaParpInhibitorStaysInLinesOneToThreeForTnbc() {
        Resource gbrca = variant(HGNC_BRCA1, GERMLINE, "2024-02-01");
        assertFires("gbrca.l1-3.parp-inhibitor", tnbc(her2Null(MET), all(paclitaxelProgressed(), gbrca)));
        assertSilent("gbrca.hr-pos.l2-3.parp-inhibitor", tnbc(her2Null(MET), all(paclitaxelProgressed(), gbrca)));
        PatientRecord fourth = tnbc(her2Null(MET), all(paclitaxelProgressed(), med("sacituzumab-govitecan", "2024-07-10", "2025-01-01"),
                diseaseWorsened("2024-12-20"), med("eribulin", "2025-01-10", "2025-06-01"), diseaseWorsened("2025-05-20"), gbrca));
        org.junit.jupiter.api.Assertions.assertEquals(4, org.mbccds.testing.Knowledge.picture(fourth).therapy().nextLine());
        assertSilent("gbrca.l1-3.parp-inhibitor", fourth);
    }
}
