package org.mbccds.knowledge;

import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.mbccds.record.PatientRecord;
import org.mbccds.testing.Knowledge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mbccds.testing.Fhir.*;
import static org.mbccds.testing.KnowledgeAssertions.*;

/** HER2-positive: first-line alternative and maintenance, later lines (therapy-rules §B3), brain metastases (§C). */
class Her2PositiveTest {
    private static final String MET = "2024-01-01";

    private static final String ET_ANTI_HER2 = "her2-pos.l1.endocrine-anti-her2";
    private static final String PATINA = "her2-pos.l1-maintenance.palbociclib-endocrine";
    private static final String TUCATINIB_L3 = "her2-pos.l3.tucatinib-trastuzumab-capecitabine";
    private static final String TUCATINIB_BRAIN = "her2-pos.l2.brain-metastases.tucatinib-trastuzumab-capecitabine";
    private static final String TUCATINIB_AFTER_TDXD = "her2-pos.l2-after-tdxd.tucatinib-trastuzumab-capecitabine";
    private static final String TDM1_AFTER_TDXD = "her2-pos.l2-after-tdxd.trastuzumab-emtansine";
    private static final String TDM1_L3 = "her2-pos.l3.trastuzumab-emtansine";
    private static final String NERATINIB = "her2-pos.l3.neratinib-capecitabine";
    private static final String LAPATINIB = "her2-pos.l3.lapatinib-combination";
    private static final String MARGETUXIMAB = "her2-pos.l3.margetuximab-chemotherapy";
    private static final String MONARCHER = "her2-pos.later.abemaciclib-trastuzumab-fulvestrant";
    private static final String TDXD_L2 = "her2-pos.l2.tdxd";

    private static PatientRecord patient(Resource who, boolean hrPositive, Resource... extra) {
        List<Resource> r = new ArrayList<>(List.of(who, breastCancer("2018-03-01"), boneMetastasis(MET),
                hrPositive ? erPositive(MET) : erNegative(MET), hrPositive ? prPositive(MET) : prNegative(MET),
                her2Ihc(3, MET)));
        r.addAll(Arrays.asList(extra));
        return record(r, List.of());
    }

    /** HR+/HER2+, postmenopausal woman. */
    private static PatientRecord hrPositive(Resource... extra) {
        return patient(woman("1960-01-01"), true, extra);
    }

    /** HR-/HER2+, postmenopausal woman. */
    private static PatientRecord hrNegative(Resource... extra) {
        return patient(woman("1960-01-01"), false, extra);
    }

    /** Line 1: docetaxel + trastuzumab + pertuzumab, progression after a year. */
    private static Resource[] thpProgressed() {
        return all(med("docetaxel", "2024-01-15", "2024-06-01"), med("trastuzumab", "2024-01-15", "2025-01-10"),
                med("pertuzumab", "2024-01-15", "2025-01-10"), diseaseWorsened("2025-01-01"));
    }

    /** Line 1: T-DXd + pertuzumab (DESTINY-Breast09), progression after a year. */
    private static Resource[] tdxdPertuzumabProgressed() {
        return all(med("fam-trastuzumab-deruxtecan", "2024-01-15", "2025-01-10"), med("pertuzumab", "2024-01-15", "2025-01-10"),
                diseaseWorsened("2025-01-01"));
    }

    /** Line 2 after {@link #thpProgressed()}: T-DXd, progression. */
    private static Resource[] tdxdSecondLineProgressed() {
        return all(med("fam-trastuzumab-deruxtecan", "2025-01-20", "2025-12-01"), diseaseWorsened("2025-11-20"));
    }

    /** Line 2 after {@link #thpProgressed()}: T-DM1, progression. */
    private static Resource[] tdm1SecondLineProgressed() {
        return all(med("ado-trastuzumab-emtansine", "2025-01-20", "2025-12-01"), diseaseWorsened("2025-11-20"));
    }

    /** Line 1 ongoing: THP induction, docetaxel completed, trastuzumab + pertuzumab maintenance, no progression. */
    private static Resource[] hpMaintenance() {
        return all(med("docetaxel", "2024-01-15", "2024-06-01"), med("trastuzumab", "2024-01-15", null),
                med("pertuzumab", "2024-01-15", null));
    }

    // ---- first-line alternative: endocrine therapy + trastuzumab ---------------------------------------------------

    @Test
    void endocrineAntiHer2ForHrPositiveFirstLine() {
        assertFires(ET_ANTI_HER2, hrPositive());
        assertRegimenOffers(ET_ANTI_HER2, "goserelin", patient(man("1960-01-01"), true));
    }

    @Test
    void endocrineAntiHer2NotForHrNegativeOrLaterLines() {
        assertSilent(ET_ANTI_HER2, hrNegative());
        assertSilent(ET_ANTI_HER2, hrPositive(thpProgressed()));
    }

    // ---- first-line maintenance: palbociclib + ET (PATINA) ---------------------------------------------------------

    @Test
    void palbociclibAddedToHpMaintenance() {
        PatientRecord r = hrPositive(hpMaintenance());
        assertEquals(2, Knowledge.picture(r).therapy().nextLine());
        assertFires(PATINA, r);
    }

    @Test
    void palbociclibMaintenanceNotAfterProgressionNotDuringInductionNotForHrNegative() {
        assertSilent(PATINA, hrPositive(all(hpMaintenance(), diseaseWorsened("2024-09-01"))));
        assertSilent(PATINA, hrPositive(med("docetaxel", "2024-01-15", null), med("trastuzumab", "2024-01-15", null),
                med("pertuzumab", "2024-01-15", null)));
        assertSilent(PATINA, hrNegative(hpMaintenance()));
    }

    @Test
    void palbociclibMaintenanceRuledOutWhenACdk46InhibitorIsAlreadyGiven() {
        assertRuledOut(PATINA, "already part of the maintenance", hrPositive(all(hpMaintenance(),
                med("palbociclib", "2024-01-15", null), med("letrozole", "2024-01-15", null))));
    }

    // ---- tucatinib + trastuzumab + capecitabine --------------------------------------------------------------------

    @Test
    void tucatinibInThirdLine() {
        PatientRecord r = hrNegative(all(thpProgressed(), tdxdSecondLineProgressed()));
        assertFires(TUCATINIB_L3, r);
        assertCaution(TUCATINIB_L3, "Sequencing after T-DXd is not established", r);
    }

    @Test
    void tucatinibOfThirdLineNotInSecondLine() {
        assertSilent(TUCATINIB_L3, hrNegative(thpProgressed()));
    }

    @Test
    void tucatinibRuledOutAfterProgressionOnIt() {
        PatientRecord r = hrNegative(all(thpProgressed(), tdxdSecondLineProgressed(),
                med("tucatinib", "2025-12-10", "2026-06-01"), med("capecitabine", "2025-12-10", "2026-06-01"),
                med("trastuzumab", "2025-12-10", "2026-06-01"), diseaseWorsened("2026-05-20")));
        assertRuledOut(TUCATINIB_L3, "tucatinib", r);
    }

    @Test
    void tucatinibInSecondLineWithBrainMetastases() {
        PatientRecord r = hrNegative(all(thpProgressed(), brainMetastasis("2025-01-05")));
        assertFires(TUCATINIB_BRAIN, r);
        assertFires(TDXD_L2, r);
        assertCaution(TDXD_L2, "Brain metastases", r);
    }

    @Test
    void tucatinibOfBrainMetastasesNotWithoutThemOrAfterTdxd() {
        assertSilent(TUCATINIB_BRAIN, hrNegative(thpProgressed()));
        PatientRecord afterTdxd = hrNegative(all(tdxdPertuzumabProgressed(), brainMetastasis("2025-01-05")));
        assertSilent(TUCATINIB_BRAIN, afterTdxd);
        assertCaution(TUCATINIB_AFTER_TDXD, "Brain metastases", afterTdxd);
    }

    // ---- second line after first-line T-DXd (sequencing not established) ----------------------------------------

    @Test
    void afterFirstLineTdxdTucatinibAndTdm1WithoutEstablishedSequencing() {
        PatientRecord r = hrNegative(tdxdPertuzumabProgressed());
        assertFires(TUCATINIB_AFTER_TDXD, r);
        assertFires(TDM1_AFTER_TDXD, r);
        assertRuledOut(TDXD_L2, "sequencing after T-DXd is not established", r);
    }

    @Test
    void afterFirstLineThpNotTheAfterTdxdOptions() {
        PatientRecord r = hrNegative(thpProgressed());
        assertSilent(TUCATINIB_AFTER_TDXD, r);
        assertSilent(TDM1_AFTER_TDXD, r);
        assertFires(TDXD_L2, r);
    }

    // ---- third line and later --------------------------------------------------------------------------------------

    @Test
    void thirdLineHer2Options() {
        PatientRecord r = hrNegative(all(thpProgressed(), tdxdSecondLineProgressed()));
        assertFires(TDM1_L3, r);
        assertFires(NERATINIB, r);
        assertFires(LAPATINIB, r);
        assertFires(MARGETUXIMAB, r);
        assertCaution(TDM1_L3, "Sequencing after T-DXd", r);
    }

    @Test
    void thirdLineHer2OptionsNotInSecondLine() {
        PatientRecord r = hrNegative(thpProgressed());
        assertSilent(TDM1_L3, r);
        assertSilent(NERATINIB, r);
        assertSilent(LAPATINIB, r);
        assertSilent(MARGETUXIMAB, r);
    }

    @Test
    void thirdLineHer2OptionsNotForHer2NegativeDisease() {
        List<Resource> r = new ArrayList<>(List.of(woman("1960-01-01"), breastCancer("2018-03-01"), boneMetastasis(MET),
                erPositive(MET), prPositive(MET), her2Ihc(1, MET)));
        r.addAll(List.of(med("letrozole", "2024-01-15", "2025-01-10"), diseaseWorsened("2025-01-01"),
                med("capecitabine", "2025-01-20", "2025-12-01"), diseaseWorsened("2025-11-20")));
        PatientRecord her2Low = record(r, List.of());
        assertSilent(LAPATINIB, her2Low);
        assertSilent(TDM1_L3, her2Low);
    }

    @Test
    void tdm1RuledOutAfterProgressionOnIt() {
        assertRuledOut(TDM1_L3, "T-DM1", hrNegative(all(thpProgressed(), tdm1SecondLineProgressed())));
    }

    @Test
    void abemaciclibTrastuzumabFulvestrantAfterTdm1ForHrPositive() {
        assertFires(MONARCHER, hrPositive(all(thpProgressed(), tdm1SecondLineProgressed())));
    }

    @Test
    void abemaciclibTrastuzumabFulvestrantNotForHrNegativeOrWithoutTdm1() {
        assertSilent(MONARCHER, hrNegative(all(thpProgressed(), tdm1SecondLineProgressed())));
        assertSilent(MONARCHER, hrPositive(all(thpProgressed(), tdxdSecondLineProgressed())));
    }
}
