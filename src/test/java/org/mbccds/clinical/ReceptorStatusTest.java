package org.mbccds.clinical;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.mbccds.testing.Fhir;
import org.mbccds.testing.Knowledge;

import static org.assertj.core.api.Assertions.assertThat;

class ReceptorStatusTest {

    private static ClinicalPicture picture(org.hl7.fhir.r4.model.Resource... rs) {
        return Knowledge.picture(Fhir.record(rs));
    }

    @Test
    void loincAnswerSnomedInterpretationAndTextAllRead() {
        Observation interpretationOnly = Fhir.observation(Fhir.LOINC, "16113-3", "2024-01-01");
        interpretationOnly.addInterpretation(new CodeableConcept().addCoding(
                new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "POS", null)));
        Observation her2Text = Fhir.observation(Fhir.LOINC, "48676-1", "2024-01-01");
        her2Text.setValue(new StringType("negative"));
        ClinicalPicture p = picture(Fhir.coded("85337-4", Fhir.LOINC, "LA6576-8", "2024-01-01"), interpretationOnly, her2Text);
        assertThat(p.receptors().erStatus()).isEqualTo(ReceptorResult.POSITIVE);
        assertThat(p.receptors().prStatus()).isEqualTo(ReceptorResult.POSITIVE);
        assertThat(p.receptors().her2()).isEqualTo(Her2Category.NEGATIVE_SCORE_UNKNOWN);
        assertThat(p.receptors().latestPr().orElseThrow().evidence().inferredFrom()).contains("interpretation POS");
        assertThat(p.receptors().latestHer2().orElseThrow().evidence().inferredFrom()).contains("text \"negative\"");
    }

    @Test
    void erPercentBetweenOneAndTenIsErLow() {
        ClinicalPicture p = picture(Fhir.erPercent(5, "2024-01-01"), Fhir.prNegative("2024-01-01"), Fhir.her2Ihc(0, "2024-01-01"));
        assertThat(p.receptors().erStatus()).isEqualTo(ReceptorResult.POSITIVE);
        assertThat(p.receptors().erLow()).isTrue();
        assertThat(p.subtype()).isEqualTo(Subtype.HR_POSITIVE_HER2_NEGATIVE);
    }

    @Test
    void erBelowOnePercentIsNegative() {
        ClinicalPicture p = picture(Fhir.erPercent(0.5, "2024-01-01"), Fhir.prNegative("2024-01-01"), Fhir.her2Ihc(1, "2024-01-01"));
        assertThat(p.receptors().hormoneReceptors()).isEqualTo(ReceptorResult.NEGATIVE);
        assertThat(p.subtype()).isEqualTo(Subtype.TRIPLE_NEGATIVE);
        assertThat(p.receptors().her2()).isEqualTo(Her2Category.LOW);
    }

    @Test
    void her2Ihc2PlusIsResolvedByIsh() {
        ClinicalPicture notAmplified = picture(Fhir.her2Ihc(2, "2024-01-01"), Fhir.her2IshRatio(1.4, "2024-01-05"));
        assertThat(notAmplified.receptors().her2()).isEqualTo(Her2Category.LOW);
        ClinicalPicture amplified = picture(Fhir.her2Ihc(2, "2024-01-01"), Fhir.her2IshRatio(2.3, "2024-01-05"));
        assertThat(amplified.receptors().her2()).isEqualTo(Her2Category.POSITIVE);
        ClinicalPicture noIsh = picture(Fhir.her2Ihc(2, "2024-01-01"));
        assertThat(noIsh.receptors().her2()).isEqualTo(Her2Category.EQUIVOCAL);
    }

    @Test
    void syntheaIshRatioStringIsParsed() {
        ClinicalPicture p = picture(Fhir.her2Ihc(2, "2024-01-01"), Fhir.her2IshText("greater than 2.2", "2024-01-02"));
        assertThat(p.receptors().her2()).isEqualTo(Her2Category.POSITIVE);
        ClinicalPicture low = picture(Fhir.her2Ihc(2, "2024-01-01"), Fhir.her2IshText("less than 1.8", "2024-01-02"));
        assertThat(low.receptors().her2()).isEqualTo(Her2Category.LOW);
    }

    @Test
    void anyHer2PositiveSampleWinsOverALaterNegativeOne() {
        ClinicalPicture p = picture(Fhir.her2Ihc(3, "2020-01-01"), Fhir.her2Ihc(1, "2024-01-01"));
        assertThat(p.receptors().her2Latest()).isEqualTo(Her2Category.LOW);
        assertThat(p.receptors().her2()).isEqualTo(Her2Category.POSITIVE);
        assertThat(p.notes()).anyMatch(n -> n.contains("HER2-positive pathway"));
    }

    @Test
    void anyHer2LowSampleKeepsLowWhenTheLatestIsZero() {
        ClinicalPicture p = picture(Fhir.her2Ihc(1, "2020-01-01"), Fhir.her2Ihc(0, "2024-01-01"));
        assertThat(p.receptors().her2()).isEqualTo(Her2Category.LOW);
        assertThat(p.receptors().her2Latest()).isEqualTo(Her2Category.ZERO_STAINING_UNKNOWN);
    }

    @Test
    void enteredInErrorResultsAreIgnored() {
        Observation wrong = Fhir.her2Ihc(3, "2024-06-01");
        wrong.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        ClinicalPicture p = picture(wrong, Fhir.her2Ihc(1, "2024-01-01"));
        assertThat(p.receptors().her2()).isEqualTo(Her2Category.LOW);
    }

    @Test
    void latestErResultDecides() {
        ClinicalPicture p = picture(Fhir.erPositive("2019-01-01"), Fhir.erNegative("2024-01-01"), Fhir.prNegative("2024-01-01"));
        assertThat(p.receptors().erStatus()).isEqualTo(ReceptorResult.NEGATIVE);
        assertThat(p.receptors().hormoneReceptorsPositiveOnAnySample()).isTrue();
        assertThat(p.receptors().hormoneReceptorsNegativeOnEverySample()).isFalse();
    }

    @Test
    void syntheaTripleNegativeMarkerMeansErPrHer2Negative() {
        ClinicalPicture p = picture(Fhir.coded("21924-6", Fhir.SNOMED, "260385009", "2024-01-01"));
        assertThat(p.subtype()).isEqualTo(Subtype.TRIPLE_NEGATIVE);
    }

    @Test
    void receptorStatusConditionsAreTheFallbackWithoutLabResults() {
        ClinicalPicture p = picture(Fhir.condition(Fhir.ICD10, "Z17.411", "HR+ HER2-", "2024-01-01"));
        assertThat(p.subtype()).isEqualTo(Subtype.HR_POSITIVE_HER2_NEGATIVE);
        assertThat(p.receptors().latestEr().orElseThrow().evidence().inferredFrom()).contains("no lab result");
    }

    @Test
    void serumHer2IsNotTumourHer2() {
        Observation serum = Fhir.coded("32996-1", Fhir.SNOMED, "10828004", "2024-01-01");
        assertThat(picture(serum).receptors().her2()).isEqualTo(Her2Category.UNKNOWN);
    }
}
