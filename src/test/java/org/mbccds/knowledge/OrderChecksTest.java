package org.mbccds.knowledge;

import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.mbccds.record.PatientRecord;
import org.mbccds.testing.Fhir;
import org.mbccds.testing.Knowledge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mbccds.testing.Fhir.*;
import static org.mbccds.testing.KnowledgeAssertions.*;

/**
 * The order checks of therapy-rules §E added with the later-line knowledge (E3-E5, E9, E11, E12, E14-E17, E19, E20,
 * E22, E23, E26, E28, E29, E31-E35, E38, E40, E41, E43-E52, E57 for ER/PR): each fires and stays quiet.
 */
class OrderChecksTest {
    private static final String MET = "2024-01-01";

    // ---- patients ----------------------------------------------------------------------------------------------

    private static List<Resource> patient(Resource who, Resource er, Resource pr, Resource her2, Resource... extra) {
        List<Resource> r = new ArrayList<>(List.of(who, breastCancer("2018-03-01"), boneMetastasis(MET)));
        if (er != null) {
            r.add(er);
        }
        if (pr != null) {
            r.add(pr);
        }
        r.add(her2);
        r.addAll(Arrays.asList(extra));
        return r;
    }

    /** HR+, postmenopausal woman, HER2 as given. */
    private static List<Resource> hrPositiveHer2(Resource her2, Resource... extra) {
        return patient(woman("1960-01-01"), erPositive(MET), prPositive(MET), her2, extra);
    }

    /** HR+/HER2-0, postmenopausal woman. */
    private static List<Resource> hrPositive(Resource... extra) {
        return hrPositiveHer2(her2Null(MET), extra);
    }

    private static List<Resource> her2Positive(Resource... extra) {
        return patient(woman("1960-01-01"), erNegative(MET), prNegative(MET), her2Ihc(3, MET), extra);
    }

    private static List<Resource> tnbc(Resource her2, Resource... extra) {
        return patient(woman("1960-01-01"), erNegative(MET), prNegative(MET), her2, extra);
    }

    /** The record with draft orders of these drug ids (all selected). */
    private static PatientRecord ordering(List<Resource> patient, String... drugIds) {
        List<MedicationRequest> orders = Arrays.stream(drugIds).map(Fhir::order).toList();
        return record(patient, orders);
    }

    private static Resource[] letrozoleProgressed() {
        return all(med("letrozole", "2024-01-15", "2025-03-01"), diseaseWorsened("2025-02-20"));
    }

    private static Resource[] capecitabineProgressed() {
        return all(med("capecitabine", "2025-03-15", "2025-09-01"), diseaseWorsened("2025-08-20"));
    }

    // ---- E3-E5: T-DXd and HER2 ---------------------------------------------------------------------------------

    @Test
    void e3TdxdWithIhcZeroStainingNotRecorded() {
        assertFinding("order.e3.tdxd-ihc0-staining-unknown", ordering(hrPositiveHer2(her2Ihc(0, MET), letrozoleProgressed()),
                "fam-trastuzumab-deruxtecan"));
    }

    @Test
    void e3NotWhenStainingIsRecorded() {
        PatientRecord r = ordering(hrPositiveHer2(her2Null(MET), letrozoleProgressed()), "fam-trastuzumab-deruxtecan");
        assertNoFinding("order.e3.tdxd-ihc0-staining-unknown", r);
        assertFinding("order.e2.tdxd-in-her2-zero", r);
    }

    @Test
    void e4TdxdForUltralowHrNegative() {
        assertFinding("order.e4.tdxd-ultralow-hr-negative", ordering(tnbc(her2Ultralow(MET)), "fam-trastuzumab-deruxtecan"));
    }

    @Test
    void e4NotForUltralowHrPositive() {
        assertNoFinding("order.e4.tdxd-ultralow-hr-negative", ordering(hrPositiveHer2(her2Ultralow(MET), letrozoleProgressed()),
                "fam-trastuzumab-deruxtecan"));
    }

    @Test
    void e5TdxdHer2LowWithoutPriorEndocrineTherapyOrChemotherapy() {
        assertFinding("order.e5.tdxd-her2-low-without-prior-et-or-chemo", ordering(hrPositiveHer2(her2Ihc(1, MET)),
                "fam-trastuzumab-deruxtecan"));
    }

    @Test
    void e5NotAfterEndocrineProgression() {
        assertNoFinding("order.e5.tdxd-her2-low-without-prior-et-or-chemo", ordering(hrPositiveHer2(her2Ihc(1, MET),
                letrozoleProgressed()), "fam-trastuzumab-deruxtecan"));
    }

    // ---- E9: CDK4/6 inhibitors ---------------------------------------------------------------------------------

    @Test
    void e9TwoCdk46Inhibitors() {
        assertFinding("order.e9.two-cdk46-inhibitors", ordering(hrPositive(), "palbociclib", "ribociclib"));
        assertFinding("order.e9.two-cdk46-inhibitors", ordering(hrPositive(med("ribociclib", "2024-01-15", null)), "abemaciclib"));
    }

    @Test
    void e9Cdk46WithChemotherapy() {
        PatientRecord r = ordering(hrPositive(), "palbociclib", "paclitaxel");
        assertFinding("order.e9.cdk46-with-chemotherapy", r);
        assertFinding("order.e9.chemotherapy-with-cdk46", r);
    }

    @Test
    void e9NotForCdk46WithEndocrineTherapyOrChemotherapyAlone() {
        List<String> ids = Knowledge.findingIds(ordering(hrPositive(), "palbociclib", "letrozole"));
        assertEquals(List.of(), ids.stream().filter(i -> i.startsWith("order.e9.")).toList());
        assertNoFinding("order.e9.chemotherapy-with-cdk46", ordering(hrPositive(), "paclitaxel"));
    }

    // ---- E11, E12: ER targeting --------------------------------------------------------------------------------

    @Test
    void e11TamoxifenWithFulvestrant() {
        PatientRecord r = ordering(hrPositive(), "tamoxifen", "fulvestrant");
        assertFinding("order.e11.tamoxifen-with-fulvestrant", r);
        assertFinding("order.e11.fulvestrant-with-tamoxifen-or-protac", r);
    }

    @Test
    void e11NotForTamoxifenAlone() {
        PatientRecord r = ordering(hrPositive(), "tamoxifen");
        assertNoFinding("order.e11.tamoxifen-with-fulvestrant", r);
    }

    @Test
    void e11SerdWithProtac() {
        PatientRecord r = ordering(hrPositive(), "fulvestrant", "vepdegestrant");
        assertFinding("order.e11.fulvestrant-with-tamoxifen-or-protac", r);
        assertFinding("order.e11.protac-with-serd", r);
    }

    @Test
    void e11NotForProtacAlone() {
        assertNoFinding("order.e11.protac-with-serd", ordering(hrPositive(), "vepdegestrant"));
    }

    @Test
    void e11TwoOralSerds() {
        assertFinding("order.e11.two-oral-serds", ordering(hrPositive(), "elacestrant", "imlunestrant"));
        assertFinding("order.e11.two-oral-serds", ordering(hrPositive(med("elacestrant", "2025-01-01", null)), "camizestrant"));
    }

    @Test
    void e11NotForOneOralSerd() {
        assertNoFinding("order.e11.two-oral-serds", ordering(hrPositive(), "elacestrant"));
    }

    @Test
    void e11FulvestrantWithNsaiIsInfo() {
        PatientRecord r = ordering(hrPositive(), "fulvestrant", "anastrozole");
        assertFinding("order.e11.fulvestrant-with-nsai", r);
        assertFinding("order.e11.nsai-with-fulvestrant", r);
        assertNoFinding("order.e11.fulvestrant-with-tamoxifen-or-protac", r);
    }

    @Test
    void e11InfoGivesWayToTheCriticalRuleOfTheRow() {
        PatientRecord r = ordering(hrPositive(), "fulvestrant", "tamoxifen", "letrozole");
        assertFinding("order.e11.fulvestrant-with-tamoxifen-or-protac", r);
        assertNoFinding("order.e11.fulvestrant-with-nsai", r);
        assertNoFinding("order.e11.nsai-with-fulvestrant", ordering(hrPositive(), "letrozole"));
    }

    @Test
    void e12RibociclibWithTamoxifen() {
        PatientRecord r = ordering(hrPositive(), "ribociclib", "tamoxifen");
        assertFinding("order.e12.ribociclib-with-tamoxifen", r);
        assertFinding("order.e12.tamoxifen-with-ribociclib", r);
    }

    @Test
    void e12NotForRibociclibWithAnAromataseInhibitor() {
        PatientRecord r = ordering(hrPositive(), "ribociclib", "letrozole");
        assertNoFinding("order.e12.ribociclib-with-tamoxifen", r);
        assertNoFinding("order.e12.tamoxifen-with-ribociclib", r);
    }

    // ---- E14-E17: men, menopause, endocrine resistance, same agent ---------------------------------------------

    @Test
    void e14AromataseInhibitorInAManWithoutGnrh() {
        assertFinding("order.e14.ai-man-without-gnrh", ordering(patient(man("1960-01-01"), erPositive(MET), prPositive(MET),
                her2Null(MET)), "letrozole"));
    }

    @Test
    void e14NotWithGnrhAnalogue() {
        assertNoFinding("order.e14.ai-man-without-gnrh", ordering(patient(man("1960-01-01"), erPositive(MET), prPositive(MET),
                her2Null(MET)), "letrozole", "leuprolide"));
    }

    @Test
    void e15ElacestrantBeforeMenopause() {
        assertFinding("order.e15.elacestrant-premenopausal", ordering(patient(woman("1985-01-01"), erPositive(MET),
                prPositive(MET), her2Null(MET), premenopausal(MET)), "elacestrant"));
    }

    @Test
    void e15NotAfterMenopause() {
        assertNoFinding("order.e15.elacestrant-premenopausal", ordering(hrPositive(), "elacestrant"));
    }

    @Test
    void e16NsaiAndCdk46AfterRelapseWithinTwelveMonthsOfAdjuvantAi() {
        PatientRecord r = ordering(hrPositive(med("anastrozole", "2019-01-01", "2023-06-30")), "letrozole", "palbociclib");
        assertFinding("order.e16.nsai-cdk46-after-early-adjuvant-relapse", r);
        assertFinding("order.e16.cdk46-nsai-after-early-adjuvant-relapse", r);
    }

    @Test
    void e16NotWhenAdjuvantAiEndedLongBefore() {
        PatientRecord r = ordering(hrPositive(med("anastrozole", "2016-01-01", "2021-01-01")), "letrozole", "palbociclib");
        assertNoFinding("order.e16.nsai-cdk46-after-early-adjuvant-relapse", r);
        assertNoFinding("order.e16.cdk46-nsai-after-early-adjuvant-relapse", r);
    }

    @Test
    void e17FulvestrantAfterProgressionOnFulvestrant() {
        assertFinding("order.e17.fulvestrant-after-progression", ordering(hrPositive(med("fulvestrant", "2024-01-15", "2025-03-01"),
                diseaseWorsened("2025-02-20")), "fulvestrant"));
    }

    @Test
    void e17NotAfterProgressionOnAnotherAgent() {
        assertNoFinding("order.e17.fulvestrant-after-progression", ordering(hrPositive(letrozoleProgressed()), "fulvestrant"));
    }

    // ---- E19, E20, E22: PARP inhibitors ------------------------------------------------------------------------

    @Test
    void e19ParpInhibitorWithGermlinePalb2Only() {
        assertFinding("order.e19.parpi-gpalb2-only", ordering(hrPositive(variantAbsent(HGNC_BRCA1, GERMLINE, MET),
                variant(HGNC_PALB2, GERMLINE, MET)), "olaparib"));
    }

    @Test
    void e19NotWithGermlineBrca() {
        assertNoFinding("order.e19.parpi-gpalb2-only", ordering(hrPositive(variant(HGNC_BRCA1, GERMLINE, MET),
                variant(HGNC_PALB2, GERMLINE, MET)), "olaparib"));
    }

    @Test
    void e20ParpInhibitorWithSomaticBrcaOnly() {
        PatientRecord r = ordering(hrPositive(variantAbsent(HGNC_BRCA1, GERMLINE, MET), variant(HGNC_BRCA1, SOMATIC, MET)), "talazoparib");
        assertFinding("order.e20.parpi-somatic-brca-only", r);
        assertNoFinding("order.e18.parpi-gbrca-negative", r);
    }

    @Test
    void e20NotWithGermlineBrca() {
        assertNoFinding("order.e20.parpi-somatic-brca-only", ordering(hrPositive(variant(HGNC_BRCA1, GERMLINE, MET),
                variant(HGNC_BRCA1, SOMATIC, MET)), "olaparib"));
    }

    @Test
    void e22ParpInhibitorInHer2Positive() {
        assertFinding("order.e22.parpi-her2-positive", ordering(her2Positive(variant(HGNC_BRCA1, GERMLINE, MET)), "olaparib"));
    }

    @Test
    void e22NotInHer2Negative() {
        assertNoFinding("order.e22.parpi-her2-positive", ordering(hrPositive(variant(HGNC_BRCA1, GERMLINE, MET)), "olaparib"));
    }

    // ---- E23, E26, E28, E29, E31, E35: PI3K/AKT/mTOR -----------------------------------------------------------

    @Test
    void e23AlpelisibWithoutPik3caMutation() {
        assertFinding("order.e23.alpelisib-pik3ca-not-detected", ordering(hrPositive(variantAbsent(HGNC_PIK3CA, SOMATIC, MET)),
                "alpelisib", "fulvestrant"));
    }

    @Test
    void e23NotWithPik3caMutation() {
        assertNoFinding("order.e23.alpelisib-pik3ca-not-detected", ordering(hrPositive(variant(HGNC_PIK3CA, SOMATIC, MET)),
                "alpelisib", "fulvestrant"));
    }

    @Test
    void e26CapivasertibWithoutAlteration() {
        assertFinding("order.e26.capivasertib-no-alteration", ordering(hrPositive(variantAbsent(HGNC_PIK3CA, SOMATIC, MET),
                variantAbsent(HGNC_AKT1, SOMATIC, MET), variantAbsent(HGNC_PTEN, SOMATIC, MET)), "capivasertib"));
    }

    @Test
    void e26CapivasertibWithStatusUnknown() {
        PatientRecord r = ordering(hrPositive(variantAbsent(HGNC_PIK3CA, SOMATIC, MET)), "capivasertib");
        assertFinding("order.e26.capivasertib-status-unknown", r);
        assertNoFinding("order.e26.capivasertib-no-alteration", r);
    }

    @Test
    void e26NotWithAkt1Alteration() {
        PatientRecord r = ordering(hrPositive(variantAbsent(HGNC_PIK3CA, SOMATIC, MET), variant(HGNC_AKT1, SOMATIC, MET)),
                "capivasertib");
        assertNoFinding("order.e26.capivasertib-no-alteration", r);
        assertNoFinding("order.e26.capivasertib-status-unknown", r);
    }

    @Test
    void e28InavolisibWithoutPik3caMutation() {
        assertFinding("order.e28.inavolisib-pik3ca-not-detected", ordering(hrPositive(variantAbsent(HGNC_PIK3CA, SOMATIC, MET)),
                "inavolisib"));
    }

    @Test
    void e28NotWithPik3caMutation() {
        assertNoFinding("order.e28.inavolisib-pik3ca-not-detected", ordering(hrPositive(variant(HGNC_PIK3CA, SOMATIC, MET)),
                "inavolisib"));
    }

    @Test
    void e29InavolisibOutsideEndocrineResistantFirstLine() {
        assertFinding("order.e29.inavolisib-outside-inavo120", ordering(hrPositive(variant(HGNC_PIK3CA, SOMATIC, MET)),
                "inavolisib", "palbociclib", "fulvestrant"));
        assertFinding("order.e29.inavolisib-outside-inavo120", ordering(hrPositive(all(variant(HGNC_PIK3CA, SOMATIC, MET),
                med("letrozole", "2019-01-01", "2023-06-30"), letrozoleProgressed())), "inavolisib"));
    }

    @Test
    void e29NotInTheInavo120Setting() {
        assertNoFinding("order.e29.inavolisib-outside-inavo120", ordering(hrPositive(variant(HGNC_PIK3CA, SOMATIC, MET),
                med("letrozole", "2019-01-01", "2023-06-30")), "inavolisib", "palbociclib", "fulvestrant"));
    }

    @Test
    void e31TwoPathwayInhibitors() {
        PatientRecord r = ordering(hrPositive(), "alpelisib", "everolimus");
        assertFinding("order.e31.two-pi3k-akt-mtor-inhibitors", r);
        assertEquals(2, Knowledge.findingIds(r).stream().filter("order.e31.two-pi3k-akt-mtor-inhibitors"::equals).count());
    }

    @Test
    void e31NotForOnePathwayInhibitor() {
        assertNoFinding("order.e31.two-pi3k-akt-mtor-inhibitors", ordering(hrPositive(), "alpelisib", "fulvestrant"));
    }

    @Test
    void e35GedatolisibInPik3caMutated() {
        assertFinding("order.e35.gedatolisib-pik3ca-mutated", ordering(hrPositive(variant(HGNC_PIK3CA, SOMATIC, MET)), "gedatolisib"));
    }

    @Test
    void e35NotInPik3caWildType() {
        assertNoFinding("order.e35.gedatolisib-pik3ca-mutated", ordering(hrPositive(variantAbsent(HGNC_PIK3CA, SOMATIC, MET)),
                "gedatolisib"));
    }

    // ---- E32-E34: oral ER degraders ----------------------------------------------------------------------------

    @Test
    void e32OralSerdWithEsr1WildType() {
        assertFinding("order.e32.oral-serd-esr1-wild-type", ordering(hrPositive(variantAbsent(HGNC_ESR1, SOMATIC, MET)), "imlunestrant"));
    }

    @Test
    void e32NotWithEsr1Mutation() {
        assertNoFinding("order.e32.oral-serd-esr1-wild-type", ordering(hrPositive(variant(HGNC_ESR1, SOMATIC, MET)), "elacestrant"));
    }

    @Test
    void e33OralSerdWithEsr1Unknown() {
        assertFinding("order.e33.oral-serd-esr1-unknown", ordering(hrPositive(), "vepdegestrant"));
    }

    @Test
    void e33NotWithEsr1Known() {
        assertNoFinding("order.e33.oral-serd-esr1-unknown", ordering(hrPositive(variant(HGNC_ESR1, SOMATIC, MET)), "vepdegestrant"));
    }

    @Test
    void e34CamizestrantNotFdaApproved() {
        assertFinding("order.e34.camizestrant-not-fda-approved", ordering(hrPositive(variant(HGNC_ESR1, SOMATIC, MET)), "camizestrant"));
    }

    @Test
    void e34NotForApprovedOralSerd() {
        assertNoFinding("order.e34.camizestrant-not-fda-approved", ordering(hrPositive(variant(HGNC_ESR1, SOMATIC, MET)), "elacestrant"));
    }

    // ---- E38, E40: immunotherapy -------------------------------------------------------------------------------

    @Test
    void e38PembrolizumabInHrPositiveOrHer2Positive() {
        assertFinding("order.e38.pembrolizumab-hr-positive-or-her2-positive", ordering(hrPositive(), "pembrolizumab"));
        assertFinding("order.e38.pembrolizumab-hr-positive-or-her2-positive", ordering(her2Positive(), "pembrolizumab"));
    }

    @Test
    void e38PembrolizumabInErLowIsAWarning() {
        PatientRecord r = ordering(patient(woman("1960-01-01"), erPercent(5, MET), prNegative(MET), her2Null(MET)), "pembrolizumab");
        assertFinding("order.e38.pembrolizumab-er-low", r);
        assertNoFinding("order.e38.pembrolizumab-hr-positive-or-her2-positive", r);
    }

    @Test
    void e38ErLowWarningNotAboveTenPercent() {
        PatientRecord r = ordering(patient(woman("1960-01-01"), erPercent(50, MET), prNegative(MET), her2Null(MET)), "pembrolizumab");
        assertNoFinding("order.e38.pembrolizumab-er-low", r);
        assertFinding("order.e38.pembrolizumab-hr-positive-or-her2-positive", r);
    }

    @Test
    void e38NotWithMsiHighOrInTnbc() {
        assertNoFinding("order.e38.pembrolizumab-hr-positive-or-her2-positive", ordering(hrPositive(msiHigh(MET)), "pembrolizumab"));
        assertNoFinding("order.e38.pembrolizumab-hr-positive-or-her2-positive", ordering(tnbc(her2Null(MET), pdl1Cps(20, MET)),
                "pembrolizumab"));
    }

    @Test
    void e40Atezolizumab() {
        assertFinding("order.e40.atezolizumab-us-withdrawn", ordering(tnbc(her2Null(MET)), "atezolizumab", "nab-paclitaxel"));
    }

    @Test
    void e40NotForPembrolizumab() {
        assertNoFinding("order.e40.atezolizumab-us-withdrawn", ordering(tnbc(her2Null(MET), pdl1Cps(20, MET)), "pembrolizumab"));
    }

    // ---- E41, E43-E47: antibody-drug conjugates ----------------------------------------------------------------

    @Test
    void e41SacituzumabInHrPositiveWithoutChemotherapy() {
        assertFinding("order.e41.sacituzumab-hr-positive-no-chemotherapy", ordering(hrPositive(letrozoleProgressed()),
                "sacituzumab-govitecan"));
    }

    @Test
    void e41SacituzumabInHrPositiveAfterFewerThanTwoLines() {
        PatientRecord r = ordering(hrPositive(med("letrozole", "2019-01-01", "2023-06-30"), med("paclitaxel", "2024-01-15", "2024-06-01"),
                diseaseWorsened("2024-05-20")), "sacituzumab-govitecan");
        assertFinding("order.e41.sacituzumab-hr-positive-too-few-lines", r);
        assertNoFinding("order.e41.sacituzumab-hr-positive-no-chemotherapy", r);
    }

    @Test
    void e41NotAfterEndocrineTherapyAndChemotherapyLines() {
        PatientRecord r = ordering(hrPositive(all(letrozoleProgressed(), capecitabineProgressed())), "sacituzumab-govitecan");
        assertNoFinding("order.e41.sacituzumab-hr-positive-no-chemotherapy", r);
        assertNoFinding("order.e41.sacituzumab-hr-positive-too-few-lines", r);
        assertNoFinding("order.e41.sacituzumab-hr-positive-no-chemotherapy", ordering(tnbc(her2Null(MET)), "sacituzumab-govitecan"));
    }

    @Test
    void e42SacituzumabAloneFirstLineTnbcWithCpsTen() {
        assertFinding("order.e42.sacituzumab-alone-tnbc-cps-10", ordering(tnbc(her2Null(MET), pdl1Cps(15, MET)),
                "sacituzumab-govitecan"));
    }

    @Test
    void e42NotWithPembrolizumabNorWithCpsBelowTen() {
        assertNoFinding("order.e42.sacituzumab-alone-tnbc-cps-10", ordering(tnbc(her2Null(MET), pdl1Cps(15, MET)),
                "sacituzumab-govitecan", "pembrolizumab"));
        assertNoFinding("order.e42.sacituzumab-alone-tnbc-cps-10", ordering(tnbc(her2Null(MET), pdl1Cps(5, MET)),
                "sacituzumab-govitecan"));
    }

    @Test
    void e43DatopotamabInHrPositiveWithoutChemotherapy() {
        assertFinding("order.e43.datopotamab-hr-positive-no-chemotherapy", ordering(hrPositive(letrozoleProgressed()),
                "datopotamab-deruxtecan"));
    }

    @Test
    void e43NotAfterChemotherapy() {
        assertNoFinding("order.e43.datopotamab-hr-positive-no-chemotherapy", ordering(hrPositive(all(letrozoleProgressed(),
                capecitabineProgressed())), "datopotamab-deruxtecan"));
    }

    @Test
    void e44DatopotamabFirstLineTnbcWithCpsTen() {
        assertFinding("order.e44.datopotamab-tnbc-cps-10", ordering(tnbc(her2Null(MET), pdl1Cps(15, MET)), "datopotamab-deruxtecan"));
    }

    @Test
    void e44NotWithCpsBelowTen() {
        assertNoFinding("order.e44.datopotamab-tnbc-cps-10", ordering(tnbc(her2Null(MET), pdl1Cps(5, MET)), "datopotamab-deruxtecan"));
    }

    @Test
    void e45TwoAdcs() {
        assertFinding("order.e45.two-adcs", ordering(her2Positive(), "fam-trastuzumab-deruxtecan", "ado-trastuzumab-emtansine"));
    }

    @Test
    void e45TdxdWithTrastuzumab() {
        PatientRecord r = ordering(her2Positive(), "fam-trastuzumab-deruxtecan", "trastuzumab");
        assertFinding("order.e45.tdxd-with-trastuzumab", r);
        assertFinding("order.e45.trastuzumab-with-tdxd", r);
    }

    @Test
    void e45NotForFirstLineTdxdWithPertuzumab() {
        List<String> ids = Knowledge.findingIds(ordering(her2Positive(), "fam-trastuzumab-deruxtecan", "pertuzumab"));
        assertEquals(List.of(), ids);
    }

    @Test
    void e46TdxdPertuzumabInSecondLine() {
        PatientRecord r = ordering(her2Positive(med("docetaxel", "2024-01-15", "2024-06-01"), med("trastuzumab", "2024-01-15", "2025-01-10"),
                med("pertuzumab", "2024-01-15", "2025-01-10"), diseaseWorsened("2025-01-01")), "fam-trastuzumab-deruxtecan", "pertuzumab");
        assertFinding("order.e46.tdxd-pertuzumab-outside-first-line", r);
        assertFinding("order.e46.pertuzumab-tdxd-outside-first-line", r);
    }

    @Test
    void e46NotInFirstLineOrWhileContinuing() {
        assertNoFinding("order.e46.tdxd-pertuzumab-outside-first-line", ordering(her2Positive(), "fam-trastuzumab-deruxtecan", "pertuzumab"));
        PatientRecord continuing = ordering(her2Positive(med("fam-trastuzumab-deruxtecan", "2024-01-15", null),
                med("pertuzumab", "2024-01-15", null)), "fam-trastuzumab-deruxtecan", "pertuzumab");
        assertNoFinding("order.e46.tdxd-pertuzumab-outside-first-line", continuing);
        assertNoFinding("order.e46.pertuzumab-tdxd-outside-first-line", continuing);
        assertNoFinding("order.e46.pertuzumab-tdxd-outside-first-line", ordering(her2Positive(), "fam-trastuzumab-deruxtecan", "pertuzumab"));
    }

    @Test
    void e47SecondDxdAdcAfterProgression() {
        assertFinding("order.e47.datopotamab-after-tdxd", ordering(hrPositiveHer2(her2Ihc(1, MET), med("fam-trastuzumab-deruxtecan",
                "2024-01-15", "2025-03-01"), diseaseWorsened("2025-02-20")), "datopotamab-deruxtecan"));
        assertFinding("order.e47.tdxd-after-datopotamab", ordering(hrPositiveHer2(her2Ihc(1, MET), med("datopotamab-deruxtecan",
                "2024-01-15", "2025-03-01"), diseaseWorsened("2025-02-20")), "fam-trastuzumab-deruxtecan"));
    }

    @Test
    void e47NotWithoutPriorDxdProgression() {
        assertNoFinding("order.e47.datopotamab-after-tdxd", ordering(hrPositive(all(letrozoleProgressed(), capecitabineProgressed())),
                "datopotamab-deruxtecan"));
        assertNoFinding("order.e47.tdxd-after-datopotamab", ordering(hrPositiveHer2(her2Ihc(1, MET), letrozoleProgressed()),
                "fam-trastuzumab-deruxtecan"));
    }

    // ---- E48-E52 -----------------------------------------------------------------------------------------------

    @Test
    void e48TwoHer2Tkis() {
        assertFinding("order.e48.two-her2-tkis", ordering(her2Positive(), "tucatinib", "neratinib"));
    }

    @Test
    void e48NotForTheTucatinibTriplet() {
        assertNoFinding("order.e48.two-her2-tkis", ordering(her2Positive(), "tucatinib", "trastuzumab", "capecitabine"));
    }

    @Test
    void e49NeratinibAfterFewerThanTwoLines() {
        assertFinding("order.e49.neratinib-too-few-lines", ordering(her2Positive(med("trastuzumab", "2024-01-15", "2025-01-10"),
                diseaseWorsened("2025-01-01")), "neratinib", "capecitabine"));
    }

    @Test
    void e49NotAfterTwoLines() {
        assertNoFinding("order.e49.neratinib-too-few-lines", ordering(her2Positive(med("trastuzumab", "2024-01-15", "2025-01-10"),
                diseaseWorsened("2025-01-01"), med("fam-trastuzumab-deruxtecan", "2025-01-20", "2025-12-01"),
                diseaseWorsened("2025-11-20")), "neratinib", "capecitabine"));
    }

    @Test
    void e50AnthracyclineWithTrastuzumab() {
        PatientRecord r = ordering(her2Positive(), "doxorubicin", "trastuzumab");
        assertFinding("order.e50.anthracycline-with-trastuzumab", r);
        assertFinding("order.e50.trastuzumab-with-anthracycline", r);
    }

    @Test
    void e50NotForLiposomalDoxorubicin() {
        PatientRecord r = ordering(her2Positive(), "liposomal-doxorubicin", "trastuzumab");
        assertNoFinding("order.e50.anthracycline-with-trastuzumab", r);
        assertNoFinding("order.e50.trastuzumab-with-anthracycline", r);
    }

    @Test
    void e51EndocrineTherapyWithChemotherapy() {
        PatientRecord r = ordering(hrPositive(), "letrozole", "capecitabine");
        assertFinding("order.e51.endocrine-with-chemotherapy", r);
        assertFinding("order.e51.chemotherapy-with-endocrine", r);
        assertFinding("order.e51.chemotherapy-with-endocrine", ordering(hrPositive(med("exemestane", "2025-01-01", null)), "eribulin"));
    }

    @Test
    void e51NotForChemotherapyAlone() {
        assertNoFinding("order.e51.chemotherapy-with-endocrine", ordering(hrPositive(), "capecitabine"));
        assertNoFinding("order.e51.endocrine-with-chemotherapy", ordering(hrPositive(), "letrozole", "palbociclib"));
    }

    @Test
    void e52DenosumabWithZoledronicAcid() {
        assertFinding("order.e52.denosumab-with-zoledronic-acid", ordering(hrPositive(med("zoledronic-acid", "2024-02-01", null)),
                "denosumab"));
    }

    @Test
    void e52NotForOneBoneAgent() {
        assertNoFinding("order.e52.denosumab-with-zoledronic-acid", ordering(hrPositive(), "denosumab"));
    }

    @Test
    void e57EndocrineTherapyWithHormoneReceptorsUnknown() {
        assertFinding("order.e57.endocrine-with-hr-unknown", ordering(patient(woman("1960-01-01"), null, null, her2Null(MET)),
                "letrozole"));
    }

    @Test
    void e57NotWithHormoneReceptorsKnown() {
        assertNoFinding("order.e57.endocrine-with-hr-unknown", ordering(hrPositive(), "letrozole"));
    }
}
