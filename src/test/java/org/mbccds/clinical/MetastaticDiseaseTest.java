package org.mbccds.clinical;

import org.junit.jupiter.api.Test;
import org.mbccds.testing.Fhir;
import org.mbccds.testing.Knowledge;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class MetastaticDiseaseTest {

    @Test
    void icd10SecondaryOfBoneIsDistantWithSiteAndDate() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.breastCancer("2020-01-01"), Fhir.boneMetastasis("2023-05-01")));
        assertThat(p.metastaticBreastCancer()).isTrue();
        assertThat(p.metastatic().since()).contains(LocalDate.of(2023, 5, 1));
        assertThat(p.metastatic().sites()).containsExactly(MetastaticDisease.Site.BONE);
    }

    @Test
    void regionalNodesAreNotStageIv() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.breastCancer("2020-01-01"),
                Fhir.condition(Fhir.ICD10, "C77.3", "Secondary of axillary lymph nodes", "2020-01-01")));
        assertThat(p.metastatic().metastatic()).isFalse();
    }

    @Test
    void chestWallSecondaryNeedsConfirmationAndIsNotStageIvAlone() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.breastCancer("2020-01-01"),
                Fhir.condition(Fhir.ICD10, "C79.2", "Secondary of skin", "2022-01-01")));
        assertThat(p.metastatic().metastatic()).isFalse();
        assertThat(p.metastatic().toConfirm()).hasSize(1);
    }

    @Test
    void syntheaStageIvAndM1ObservationsMarkMetastaticDisease() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.breastCancer("2021-02-01"),
                Fhir.coded("21908-9", Fhir.SNOMED, "258228008", "2021-02-01"),
                Fhir.coded("21907-1", Fhir.SNOMED, "55440008", "2021-02-01")));
        assertThat(p.metastaticBreastCancer()).isTrue();
        assertThat(p.metastatic().evidence()).hasSize(2);
    }

    @Test
    void ajccStageCodeFourAsInTheTrialMatchingExamples() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.breastCancer(null),
                Fhir.coded("21908-9", "http://cancerstaging.org", "4", null)));
        assertThat(p.metastaticBreastCancer()).isTrue();
    }

    @Test
    void metastasisToTheBreastIsNotABreastPrimary() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.condition(Fhir.ICD10, "C79.81", "Secondary of breast", null),
                Fhir.boneMetastasis("2023-01-01")));
        assertThat(p.breastCancer()).isEmpty();
        assertThat(p.metastaticBreastCancer()).isFalse();
    }

    @Test
    void sharedExamplesAsTheyAre() {
        assertThat(Knowledge.picture(Fhir.example("trial-matching/TrialMatching_Patient01.json")).metastaticBreastCancer()).isTrue();
        assertThat(Knowledge.picture(Fhir.example("trial-matching/TrialMatching_Patient02.json")).metastaticBreastCancer()).isTrue();
        ClinicalPicture jenny = Knowledge.picture(Fhir.example("mcode/Bundle-mcode-patient-bundle-jenny-m.json"));
        assertThat(jenny.breastCancer()).isNotEmpty();
        assertThat(jenny.metastaticBreastCancer()).isFalse();
        assertThat(jenny.subtype()).isEqualTo(Subtype.HR_POSITIVE_HER2_NEGATIVE);
    }
}
