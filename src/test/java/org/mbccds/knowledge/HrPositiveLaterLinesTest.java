package org.mbccds.knowledge;

import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.mbccds.record.PatientRecord;
import org.mbccds.testing.Knowledge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mbccds.testing.Fhir.*;
import static org.mbccds.testing.KnowledgeAssertions.*;

/** HR-positive / HER2-negative, second line and later (therapy-rules §B2, §B0 prior adjuvant CDK4/6i, §C). */
class HrPositiveLaterLinesTest {
    private static final String MET = "2024-01-01";

    private static final String CAPIVASERTIB = "hr-pos-her2-neg.l2.capivasertib-fulvestrant";
    private static final String ALPELISIB = "hr-pos-her2-neg.l2.alpelisib-fulvestrant";
    private static final String ELACESTRANT = "hr-pos-her2-neg.l2.elacestrant";
    private static final String IMLUNESTRANT = "hr-pos-her2-neg.l2.imlunestrant";
    private static final String VEPDEGESTRANT = "hr-pos-her2-neg.l2.vepdegestrant";
    private static final String GEDATOLISIB = "hr-pos-her2-neg.l2.gedatolisib-fulvestrant";
    private static final String EVEROLIMUS = "hr-pos-her2-neg.l2.everolimus-endocrine";
    private static final String ABEMACICLIB = "hr-pos-her2-neg.l2.abemaciclib-fulvestrant-after-cdk46";
    private static final String TDXD_DB06 = "hr-pos-her2-neg.l2.tdxd-her2-low-ultralow";
    private static final String SINGLE_ET = "hr-pos-her2-neg.l2.single-agent-endocrine";
    private static final String CHEMO = "hr-pos-her2-neg.l2.chemotherapy";
    private static final String TDXD_DB04 = "hr-pos-her2-neg.l3.tdxd-her2-low-after-chemotherapy";
    private static final String DATO = "hr-pos-her2-neg.l3.datopotamab-deruxtecan";
    private static final String SG = "hr-pos-her2-neg.l3.sacituzumab-govitecan";
    private static final String PARPI_L2 = "gbrca.hr-pos.l2-3.parp-inhibitor";

    // ---- record fragments -------------------------------------------------------------------------------------

    /** ER+/PR+, HER2-0 (no membrane staining), bone metastasis 2024-01-01 after a 2018 primary. */
    private static PatientRecord patient(Resource who, Resource... extra) {
        List<Resource> r = new ArrayList<>(List.of(who, breastCancer("2018-03-01"), boneMetastasis(MET),
                erPositive(MET), prPositive(MET), her2Null(MET)));
        r.addAll(Arrays.asList(extra));
        return record(r, List.of());
    }

    /** A postmenopausal woman (66 years old). */
    private static PatientRecord hrPositive(Resource... extra) {
        return patient(woman("1960-01-01"), extra);
    }

    /** A premenopausal woman (41 years old, coded premenopausal, no ovarian suppression). */
    private static PatientRecord premenopausalHrPositive(Resource... extra) {
        return patient(woman("1985-01-01"), all(premenopausal("2024-01-05"), extra));
    }

    /** Line 1: letrozole + palbociclib for 13 months, stopped at progression (secondary resistance). */
    private static Resource[] aiCdk46Progressed() {
        return all(med("letrozole", "2024-01-15", "2025-03-01"), med("palbociclib", "2024-01-15", "2025-03-01"),
                diseaseWorsened("2025-02-20"));
    }

    /** Line 1: letrozole + palbociclib with progression after 3 months (primary resistance). */
    private static Resource[] aiCdk46EarlyProgression() {
        return all(med("letrozole", "2024-01-15", "2024-04-30"), med("palbociclib", "2024-01-15", "2024-04-30"),
                diseaseWorsened("2024-04-20"));
    }

    /** Line 1: letrozole alone, progression after 13 months. */
    private static Resource[] letrozoleProgressed() {
        return all(med("letrozole", "2024-01-15", "2025-03-01"), diseaseWorsened("2025-02-20"));
    }

    /** Line 2: capecitabine, progression (after line 1 of {@link #aiCdk46Progressed()}). */
    private static Resource[] capecitabineProgressed() {
        return all(med("capecitabine", "2025-03-15", "2025-09-01"), diseaseWorsened("2025-08-20"));
    }

    /** Adjuvant letrozole and abemaciclib, both completed 2023-06-30: relapse within 12 months of both. */
    private static Resource[] adjuvantAiAndCdk46() {
        return all(med("letrozole", "2019-01-01", "2023-06-30"), med("abemaciclib", "2021-07-01", "2023-06-30"));
    }

    private static Resource pik3ca() {
        return variant(HGNC_PIK3CA, SOMATIC, "2025-03-01");
    }

    private static Resource esr1() {
        return variant(HGNC_ESR1, SOMATIC, "2025-03-01");
    }

    private static Resource[] noPathwayAlteration() {
        return all(variantAbsent(HGNC_PIK3CA, SOMATIC, "2025-03-01"), variantAbsent(HGNC_AKT1, SOMATIC, "2025-03-01"),
                variantAbsent(HGNC_PTEN, SOMATIC, "2025-03-01"));
    }

    private static Resource gbrca() {
        return variant(HGNC_BRCA1, GERMLINE, "2024-02-01");
    }

    // ---- capivasertib + fulvestrant ----------------------------------------------------------------------------

    @Test
    void capivasertibAfterEndocrineProgressionWithPathwayAlteration() {
        assertFires(CAPIVASERTIB, hrPositive(all(aiCdk46Progressed(), pik3ca())));
        assertFires(CAPIVASERTIB, hrPositive(all(aiCdk46Progressed(), variant(HGNC_AKT1, SOMATIC, "2025-03-01"))));
    }

    @Test
    void capivasertibNotWithoutPathwayAlteration() {
        assertSilent(CAPIVASERTIB, hrPositive(all(aiCdk46Progressed(), noPathwayAlteration())));
    }

    @Test
    void capivasertibInFirstLineAfterRelapseOnAdjuvantEndocrineTherapyAndCdk46() {
        PatientRecord r = hrPositive(all(adjuvantAiAndCdk46(), pik3ca()));
        assertEquals(1, Knowledge.picture(r).therapy().nextLine());
        assertFires(CAPIVASERTIB, r);
    }

    @Test
    void capivasertibNotInFirstLineAfterAdjuvantEndocrineTherapyAlone() {
        // Relapse within 12 months of adjuvant ET without adjuvant CDK4/6i: §B1 1b (inavolisib triplet) applies.
        PatientRecord r = hrPositive(med("letrozole", "2019-01-01", "2023-06-30"), pik3ca());
        assertSilent(CAPIVASERTIB, r);
        assertFires("hr-pos-her2-neg.l1.inavolisib-palbociclib-fulvestrant", r);
    }

    @Test
    void capivasertibRuledOutAfterProgressionOnIt() {
        PatientRecord r = hrPositive(all(aiCdk46Progressed(), pik3ca(), med("capivasertib", "2025-03-15", "2025-09-01"),
                med("fulvestrant", "2025-03-15", "2025-09-01"), diseaseWorsened("2025-08-20")));
        assertRuledOut(CAPIVASERTIB, "capivasertib", r);
    }

    @Test
    void capivasertibCautionsForPriorFulvestrantAndEsr1CoMutation() {
        // Fulvestrant stopped for toxicity (exposure without progression), then letrozole + palbociclib progressed.
        PatientRecord r = hrPositive(all(stopped("fulvestrant", "2024-01-10", "2024-02-15", NOT_TOLERATED),
                med("letrozole", "2024-03-01", "2025-03-01"), med("palbociclib", "2024-03-01", "2025-03-01"),
                diseaseWorsened("2025-02-20"), pik3ca(), esr1()));
        assertCaution(CAPIVASERTIB, "CAPItello-291 enrolled no patients with prior fulvestrant", r);
        assertCaution(CAPIVASERTIB, "no comparative data", r);
    }

    @Test
    void capivasertibAfterProgressionOnFulvestrantIsOfferedWithACaution() {
        // §B1 1c first line (fulvestrant + CDK4/6i) progressed: the spec warns (no prior fulvestrant in CAPItello-291)
        // but does not exclude; fulvestrant is a backbone given beyond progression. Alpelisib + fulvestrant is not
        // marked so: the spec is silent, and the engine's default (not offered again) applies.
        PatientRecord r = hrPositive(all(med("fulvestrant", "2024-01-15", "2025-03-01"), med("ribociclib", "2024-01-15", "2025-03-01"),
                diseaseWorsened("2025-02-20"), pik3ca()));
        assertCaution(CAPIVASERTIB, "CAPItello-291 enrolled no patients with prior fulvestrant", r);
        assertRuledOut(ALPELISIB, "Progression already recorded on fulvestrant", r);
    }

    @Test
    void capivasertibBeforeMenopauseAddsOvarianSuppression() {
        PatientRecord r = premenopausalHrPositive(all(aiCdk46Progressed(), pik3ca()));
        assertRegimenOffers(CAPIVASERTIB, "goserelin", r);
    }

    // ---- alpelisib + fulvestrant -------------------------------------------------------------------------------

    @Test
    void alpelisibWithPik3caMutationAfterEndocrineTherapy() {
        assertFires(ALPELISIB, hrPositive(all(aiCdk46Progressed(), pik3ca())));
    }

    @Test
    void alpelisibNotForAkt1OnlyAlteration() {
        PatientRecord r = hrPositive(all(aiCdk46Progressed(), variantAbsent(HGNC_PIK3CA, SOMATIC, "2025-03-01"),
                variant(HGNC_AKT1, SOMATIC, "2025-03-01")));
        assertSilent(ALPELISIB, r);
        assertFires(CAPIVASERTIB, r);
    }

    @Test
    void alpelisibNotWithoutProgressionOnEndocrineTherapy() {
        // Line 1 was chemotherapy only: "PD on/after ET" is not met.
        PatientRecord r = hrPositive(med("paclitaxel", "2024-01-15", "2024-06-01"), diseaseWorsened("2024-05-20"), pik3ca());
        assertSilent(ALPELISIB, r);
    }

    // ---- oral ER degraders -------------------------------------------------------------------------------------

    @Test
    void oralErDegradersWithEsr1Mutation() {
        PatientRecord r = hrPositive(all(aiCdk46Progressed(), esr1()));
        assertFires(ELACESTRANT, r);
        assertFires(IMLUNESTRANT, r);
        assertFires(VEPDEGESTRANT, r);
    }

    @Test
    void oralErDegradersNotWithEsr1WildType() {
        PatientRecord r = hrPositive(all(aiCdk46Progressed(), variantAbsent(HGNC_ESR1, SOMATIC, "2025-03-01")));
        assertSilent(ELACESTRANT, r);
        assertSilent(IMLUNESTRANT, r);
        assertSilent(VEPDEGESTRANT, r);
    }

    @Test
    void elacestrantRuledOutBeforeMenopauseOthersWithOvarianSuppression() {
        PatientRecord r = premenopausalHrPositive(all(aiCdk46Progressed(), esr1()));
        assertRuledOut(ELACESTRANT, "postmenopausal women or adult men", r);
        assertRegimenOffers(IMLUNESTRANT, "goserelin", r);
        assertRegimenOffers(VEPDEGESTRANT, "leuprolide", r);
    }

    @Test
    void elacestrantForMen() {
        PatientRecord r = patient(man("1960-01-01"), all(aiCdk46Progressed(), esr1()));
        assertFires(ELACESTRANT, r);
    }

    @Test
    void oralErDegraderRuledOutAfterProgressionOnIt() {
        PatientRecord r = hrPositive(all(aiCdk46Progressed(), esr1(), med("vepdegestrant", "2025-03-15", "2025-09-01"),
                diseaseWorsened("2025-08-20")));
        assertRuledOut(VEPDEGESTRANT, "vepdegestrant", r);
        assertFires(IMLUNESTRANT, r);
        PatientRecord afterImlunestrant = hrPositive(all(aiCdk46Progressed(), esr1(),
                med("imlunestrant", "2025-03-15", "2025-09-01"), diseaseWorsened("2025-08-20")));
        assertRuledOut(IMLUNESTRANT, "imlunestrant", afterImlunestrant);
        PatientRecord afterElacestrant = hrPositive(all(aiCdk46Progressed(), esr1(),
                med("elacestrant", "2025-03-15", "2025-09-01"), diseaseWorsened("2025-08-20")));
        assertRuledOut(ELACESTRANT, "elacestrant", afterElacestrant);
    }

    // ---- gedatolisib, everolimus, abemaciclib + fulvestrant ----------------------------------------------------

    @Test
    void gedatolisibWhenPik3caWildTypeAfterCdk46AndAi() {
        assertFires(GEDATOLISIB, hrPositive(all(aiCdk46Progressed(), variantAbsent(HGNC_PIK3CA, SOMATIC, "2025-03-01"))));
    }

    @Test
    void gedatolisibNotWithPik3caMutationOrUnknown() {
        assertSilent(GEDATOLISIB, hrPositive(all(aiCdk46Progressed(), pik3ca())));
        assertSilent(GEDATOLISIB, hrPositive(aiCdk46Progressed()));
    }

    @Test
    void gedatolisibNotWithoutProgressionOnCdk46() {
        assertSilent(GEDATOLISIB, hrPositive(all(letrozoleProgressed(), variantAbsent(HGNC_PIK3CA, SOMATIC, "2025-03-01"))));
    }

    @Test
    void everolimusAfterNonSteroidalAromataseInhibitor() {
        assertFires(EVEROLIMUS, hrPositive(letrozoleProgressed()));
    }

    @Test
    void everolimusNotWithoutPriorLetrozoleOrAnastrozole() {
        assertSilent(EVEROLIMUS, hrPositive(med("tamoxifen", "2024-01-15", "2025-03-01"), diseaseWorsened("2025-02-20")));
    }

    @Test
    void everolimusRuledOutBeforeMenopause() {
        assertRuledOut(EVEROLIMUS, "postmenopausal", premenopausalHrPositive(letrozoleProgressed()));
    }

    @Test
    void everolimusInMenCautionsForExemestaneWithoutGnrh() {
        assertCaution(EVEROLIMUS, "GnRH analogue", patient(man("1960-01-01"), letrozoleProgressed()));
    }

    @Test
    void abemaciclibFulvestrantAfterCdk46AndAi() {
        assertFires(ABEMACICLIB, hrPositive(aiCdk46Progressed()));
    }

    @Test
    void abemaciclibFulvestrantInFirstLineAfterAdjuvantCdk46Relapse() {
        assertFires(ABEMACICLIB, hrPositive(adjuvantAiAndCdk46()));
    }

    @Test
    void abemaciclibFulvestrantNotWithoutPriorCdk46() {
        assertSilent(ABEMACICLIB, hrPositive(letrozoleProgressed()));
    }

    @Test
    void abemaciclibFulvestrantRuledOutAfterProgressionOnAbemaciclib() {
        PatientRecord r = hrPositive(med("letrozole", "2024-01-15", "2025-03-01"), med("abemaciclib", "2024-01-15", "2025-03-01"),
                diseaseWorsened("2025-02-20"));
        assertRuledOut(ABEMACICLIB, "abemaciclib", r);
    }

    @Test
    void endocrineOptionsCautionPrimaryResistance() {
        PatientRecord r = hrPositive(all(aiCdk46EarlyProgression(), pik3ca()));
        assertCaution(CAPIVASERTIB, "Primary endocrine resistance", r);
        assertCaution(ABEMACICLIB, "Primary endocrine resistance", r);
        assertCaution(SINGLE_ET, "Primary endocrine resistance", r);
    }

    // ---- T-DXd -------------------------------------------------------------------------------------------------

    @Test
    void tdxdForHer2LowAfterEndocrineTherapyWithoutChemotherapy() {
        assertFires(TDXD_DB06, hrPositive(all(her2Ihc(1, "2025-03-01"), aiCdk46Progressed())));
        assertFires(TDXD_DB06, hrPositive(all(her2Ultralow("2025-03-01"), aiCdk46Progressed())));
    }

    @Test
    void tdxdNotForHer2Zero() {
        assertSilent(TDXD_DB06, hrPositive(aiCdk46Progressed()));
        assertSilent(TDXD_DB04, hrPositive(all(aiCdk46Progressed(), capecitabineProgressed())));
    }

    @Test
    void tdxdWithPrimaryResistanceIsBroughtForward() {
        assertCaution(TDXD_DB06, "brings T-DXd forward", hrPositive(all(her2Ihc(1, "2024-04-25"), aiCdk46EarlyProgression())));
    }

    @Test
    void tdxdAfterChemotherapyIsTheDestinyBreast04Option() {
        PatientRecord r = hrPositive(all(her2Ihc(1, "2025-03-01"), aiCdk46Progressed(), capecitabineProgressed()));
        assertFires(TDXD_DB04, r);
        assertSilent(TDXD_DB06, r);
    }

    @Test
    void tdxdAfterChemotherapyNotForUltralow() {
        assertSilent(TDXD_DB04, hrPositive(all(her2Ultralow("2025-03-01"), aiCdk46Progressed(), capecitabineProgressed())));
    }

    @Test
    void tdxdNotRepeated() {
        PatientRecord r = hrPositive(all(her2Ihc(1, "2025-03-01"), aiCdk46Progressed(),
                med("fam-trastuzumab-deruxtecan", "2025-03-15", "2025-09-01"), diseaseWorsened("2025-08-20")));
        assertRuledOut(TDXD_DB06, "Prior T-DXd", r);
    }

    // ---- single-agent endocrine therapy, chemotherapy, Dato-DXd, sacituzumab govitecan --------------------------

    @Test
    void singleAgentEndocrineTherapyInSecondLine() {
        assertFires(SINGLE_ET, hrPositive(aiCdk46Progressed()));
        assertCaution(SINGLE_ET, "EMERALD", hrPositive(all(aiCdk46Progressed(), esr1())));
    }

    @Test
    void singleAgentEndocrineTherapyNotInFirstLine() {
        PatientRecord r = hrPositive();
        assertSilent(SINGLE_ET, r);
        assertFires("hr-pos-her2-neg.l1.endocrine-alone", r);
    }

    @Test
    void chemotherapyInSecondLine() {
        assertFires(CHEMO, hrPositive(aiCdk46Progressed()));
    }

    @Test
    void secondLineChemotherapyNotInFirstLine() {
        PatientRecord r = hrPositive();
        assertSilent(CHEMO, r);
        assertFires("hr-pos-her2-neg.l1.chemotherapy-visceral-crisis", r);
    }

    @Test
    void datopotamabAfterEndocrineTherapyAndChemotherapy() {
        assertFires(DATO, hrPositive(all(aiCdk46Progressed(), capecitabineProgressed())));
    }

    @Test
    void datopotamabNotBeforeChemotherapy() {
        assertSilent(DATO, hrPositive(aiCdk46Progressed()));
    }

    @Test
    void datopotamabCautionsAfterTdxd() {
        PatientRecord r = hrPositive(all(aiCdk46Progressed(), capecitabineProgressed(),
                med("fam-trastuzumab-deruxtecan", "2025-09-15", "2026-05-01"), diseaseWorsened("2026-04-20")));
        assertCaution(DATO, "same DXd payload", r);
    }

    @Test
    void sacituzumabAfterEndocrineTherapyAndTwoLinesWithChemotherapy() {
        assertFires(SG, hrPositive(all(aiCdk46Progressed(), capecitabineProgressed())));
    }

    @Test
    void sacituzumabNotAsFirstChemotherapyLine() {
        // Adjuvant endocrine therapy, then one metastatic chemotherapy line: fewer than 2 lines for MBC.
        PatientRecord r = hrPositive(med("letrozole", "2019-01-01", "2023-06-30"),
                med("paclitaxel", "2024-01-15", "2024-06-01"), diseaseWorsened("2024-05-20"));
        assertEquals(2, Knowledge.picture(r).therapy().nextLine());
        assertSilent(SG, r);
        assertSilent(SG, hrPositive(all(aiCdk46Progressed(), med("fulvestrant", "2025-03-15", "2025-09-01"),
                diseaseWorsened("2025-08-20"))));
    }

    // ---- germline BRCA, second and third line ------------------------------------------------------------------

    @Test
    void parpInhibitorFirstInSecondAndThirdLine() {
        PatientRecord second = hrPositive(all(aiCdk46Progressed(), gbrca()));
        assertFires(PARPI_L2, second);
        assertSilent("gbrca.l1-3.parp-inhibitor", second);
        assertEquals(PARPI_L2, Knowledge.optionIds(second).get(0));
        assertFires(PARPI_L2, hrPositive(all(aiCdk46Progressed(), capecitabineProgressed(), gbrca())));
    }

    @Test
    void parpInhibitorOfSecondLineNotInFirstOrFourthLine() {
        PatientRecord first = hrPositive(gbrca());
        assertSilent(PARPI_L2, first);
        assertFires("gbrca.l1-3.parp-inhibitor", first);
        PatientRecord fourth = hrPositive(all(aiCdk46Progressed(), capecitabineProgressed(),
                med("eribulin", "2025-09-15", "2026-03-01"), diseaseWorsened("2026-02-20"), gbrca()));
        assertEquals(4, Knowledge.picture(fourth).therapy().nextLine());
        assertSilent(PARPI_L2, fourth);
    }

    // ---- the suggested second-line order -----------------------------------------------------------------------

    @Test
    void secondLineOrderFollowsTheSuggestedOrderingLogic() {
        PatientRecord r = hrPositive(all(her2Ihc(1, "2025-03-01"), aiCdk46Progressed(), gbrca(), pik3ca(), esr1()));
        List<String> ids = Knowledge.optionIds(r);
        List<String> expected = List.of(PARPI_L2, CAPIVASERTIB, ELACESTRANT, ABEMACICLIB, TDXD_DB06, SINGLE_ET, CHEMO);
        int last = -1;
        for (String id : expected) {
            int at = ids.indexOf(id);
            assertTrue(at > last, () -> id + " out of the suggested order in " + ids);
            last = at;
        }
    }
}
