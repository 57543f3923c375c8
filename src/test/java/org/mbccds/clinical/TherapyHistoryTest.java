package org.mbccds.clinical;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.mbccds.testing.Fhir;
import org.mbccds.testing.Knowledge;

import static org.mbccds.testing.RxNorm.*;

import static org.assertj.core.api.Assertions.assertThat;

class TherapyHistoryTest {

    @Test
    void drugsStartedTogetherAreOneLineAndANewClassAfterProgressionIsTheNext() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.woman("1960-01-01"), Fhir.breastCancer("2021-01-01"),
                Fhir.boneMetastasis("2021-01-10"),
                Fhir.taking(LETROZOLE_SCD, "2021-02-01", "2023-03-01", "completed"),
                Fhir.taking(PALBOCICLIB_SCD, "2021-02-10", "2023-03-01", "completed"),
                Fhir.diseaseWorsened("2023-02-20"),
                Fhir.taking(FULVESTRANT_SCD, "2023-03-15", null, "active")));
        TherapyHistory h = p.therapy();
        assertThat(h.lines()).hasSize(2);
        assertThat(h.lines().get(0).regimen()).contains("letrozole").contains("palbociclib");
        assertThat(h.lines().get(0).progression()).isPresent();
        assertThat(h.lines().get(0).progression().get().confidence()).isEqualTo(Confidence.HIGH);
        assertThat(h.lines().get(1).ongoing()).isTrue();
        assertThat(h.nextLine()).isEqualTo(3);
        assertThat(h.progressedOn("cdk46-inhibitor")).isTrue();
        assertThat(h.progressedOn("fulvestrant")).isFalse();
        assertThat(h.endocrineResistance()).isEqualTo(EndocrineResistance.SECONDARY);
    }

    @Test
    void sameClassSwitchWithoutProgressionIsTheSameLine() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.breastCancer("2021-01-01"), Fhir.boneMetastasis("2021-01-10"),
                Fhir.taking(LETROZOLE_SCD, "2021-02-01", "2021-06-01", "stopped"),
                Fhir.taking(ANASTROZOLE_SCD, "2021-06-10", null, "active")));
        assertThat(p.therapy().lines()).hasSize(1);
        assertThat(p.therapy().nextLine()).isEqualTo(2);
    }

    @Test
    void stopReasonNoResponseIsProgressionAndToxicityIsNot() {
        MedicationStatement cape = Fhir.taking(CAPECITABINE, "2022-01-01", "2022-06-01", "stopped");
        cape.addStatusReason(new CodeableConcept().addCoding(new Coding(Fhir.SNOMED, "266721009", "No response to treatment")));
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.breastCancer("2021-01-01"), Fhir.liverMetastasis("2021-12-01"), cape));
        assertThat(p.therapy().lines().get(0).progression()).isPresent();

        MedicationStatement tox = Fhir.taking(CAPECITABINE, "2022-01-01", "2022-06-01", "stopped");
        tox.addStatusReason(new CodeableConcept().addCoding(new Coding(Fhir.SNOMED, "407563006", "Treatment not tolerated")));
        ClinicalPicture q = Knowledge.picture(Fhir.record(Fhir.breastCancer("2021-01-01"), Fhir.liverMetastasis("2021-12-01"), tox,
                Fhir.taking(TAMOXIFEN_SCD, "2022-07-01", null, "active")));
        assertThat(q.therapy().lines().get(0).progression()).isEmpty();
    }

    @Test
    void adjuvantEndocrineTherapyWithEarlyRelapseIsEndocrineResistant() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.breastCancer("2018-01-01"),
                Fhir.taking(ANASTROZOLE_SCD, "2018-06-01", "2023-01-01", "completed"),
                Fhir.boneMetastasis("2023-08-01")));
        assertThat(p.therapy().uses().get(0).setting()).isEqualTo(DrugUse.Setting.NEOADJUVANT_OR_ADJUVANT);
        assertThat(p.therapy().lines()).isEmpty();
        assertThat(p.therapy().adjuvantEndocrineRelapseWithin12Months()).isTrue();
        assertThat(p.therapy().endocrineResistance()).isEqualTo(EndocrineResistance.SECONDARY);
        assertThat(p.therapy().nextLine()).isEqualTo(1);
    }

    @Test
    void deNovoStageIvWithoutTreatmentIsEndocrineSensitiveFirstLine() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.breastCancer("2026-09-01"), Fhir.boneMetastasis("2026-09-10")));
        assertThat(p.therapy().deNovo()).isTrue();
        assertThat(p.therapy().endocrineResistance()).isEqualTo(EndocrineResistance.SENSITIVE);
        assertThat(p.therapy().lineConfidence()).isEqualTo(Confidence.HIGH);
    }

    @Test
    void brandCodeAndMedicationReferenceAreRecognised() {
        var verzenio = Fhir.medication(VERZENIO_SBD, "Verzenio 100 MG Oral Tablet");
        MedicationStatement byReference = Fhir.taking("0", "2022-01-01", null, "active");
        byReference.setMedication(new Reference("Medication/" + verzenio.getIdElement().getIdPart()));
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.breastCancer("2021-01-01"), Fhir.boneMetastasis("2021-12-01"),
                verzenio, byReference));
        assertThat(p.therapy().onNow("abemaciclib")).isTrue();
        assertThat(p.therapy().uses().get(0).evidence().get(0).inferredFrom()).contains("RxNorm 1946840");
    }

    @Test
    void antibodyDrugConjugatesAreNeverPlainTrastuzumab() {
        MedicationStatement enhertu = Fhir.taking(ENHERTU_SBD, "2022-01-01", null, "active");
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.breastCancer("2021-01-01"), Fhir.boneMetastasis("2021-12-01"), enhertu));
        assertThat(p.therapy().exposedTo("fam-trastuzumab-deruxtecan")).isTrue();
        assertThat(p.therapy().exposedTo("trastuzumab")).isFalse();
        assertThat(p.therapy().exposedTo("her2-adc")).isTrue();
    }

    @Test
    void freeTextIsTheLastResort() {
        MedicationStatement brand = Fhir.taking("0", "2022-01-01", null, "active");
        brand.setMedication(new CodeableConcept().setText("Femara"));
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.breastCancer("2021-01-01"), Fhir.boneMetastasis("2021-12-01"), brand));
        assertThat(p.therapy().onNow("letrozole")).isTrue();
        assertThat(p.therapy().uses().get(0).evidence().get(0).inferredFrom()).contains("text \"Femara\"");
    }

    @Test
    void boneAgentsAndOvarianSuppressionAreNotLines() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.woman("1985-01-01"), Fhir.breastCancer("2021-01-01"),
                Fhir.boneMetastasis("2021-12-01"),
                Fhir.taking(DENOSUMAB_SCD, "2022-01-01", null, "active"),
                Fhir.taking(LEUPROLIDE_PRODUCT, "2022-01-01", null, "active")));
        assertThat(p.therapy().lines()).isEmpty();
        assertThat(p.menopause().ovarianSuppression()).isTrue();
    }

    @Test
    void enteredInErrorAndNotTakenAreIgnored() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.breastCancer("2021-01-01"), Fhir.boneMetastasis("2021-12-01"),
                Fhir.taking(LETROZOLE_SCD, "2022-01-01", null, "entered-in-error"),
                Fhir.taking(TAMOXIFEN_SCD, "2022-01-01", null, "not-taken")));
        assertThat(p.therapy().uses()).isEmpty();
    }

    @Test
    void unknownMetastaticDateGivesLowConfidenceAndSaysSo() {
        ClinicalPicture p = Knowledge.picture(Fhir.example("trial-matching/TrialMatching_Patient02.json"));
        assertThat(p.therapy().lineConfidence()).isEqualTo(Confidence.LOW);
        assertThat(p.therapy().lines()).isNotEmpty();
        assertThat(p.notes()).anyMatch(n -> n.contains("date of metastatic diagnosis is not recorded"));
        assertThat(p.therapy().exposedTo("zoledronic-acid")).isTrue();
    }
}
