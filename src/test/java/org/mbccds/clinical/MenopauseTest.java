package org.mbccds.clinical;

import org.junit.jupiter.api.Test;
import org.mbccds.testing.Fhir;
import org.mbccds.testing.Knowledge;

import static org.assertj.core.api.Assertions.assertThat;

class MenopauseTest {

    @Test
    void codedStatusWins() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.woman("1980-01-01"),
                Fhir.coded("161712005", Fhir.SNOMED, "76498008", "2025-01-01")));
        // 161712005 is a SNOMED observable: build it with the SNOMED code system.
        var obs = Fhir.observation(Fhir.SNOMED, "161712005", "2025-01-01");
        obs.setValue(new org.hl7.fhir.r4.model.CodeableConcept().addCoding(
                new org.hl7.fhir.r4.model.Coding(Fhir.SNOMED, "76498008", "Postmenopausal state")));
        ClinicalPicture coded = Knowledge.picture(Fhir.record(Fhir.woman("1980-01-01"), obs));
        assertThat(coded.menopause().status()).isEqualTo(Menopause.Status.POSTMENOPAUSAL);
        assertThat(coded.menopause().treatAsPremenopausal()).isFalse();
        assertThat(p.menopause().status()).isEqualTo(Menopause.Status.UNKNOWN);
    }

    @Test
    void ageSixtyOrMoreIsPostmenopausal() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.woman("1960-01-01")));
        assertThat(p.menopause().status()).isEqualTo(Menopause.Status.POSTMENOPAUSAL);
    }

    @Test
    void unknownStatusUnderSixtyIsHandledAsPremenopausal() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.woman("1985-01-01")));
        assertThat(p.menopause().status()).isEqualTo(Menopause.Status.UNKNOWN);
        assertThat(p.menopause().treatAsPremenopausal()).isTrue();
    }

    @Test
    void menAreNotApplicable() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.man("1985-01-01")));
        assertThat(p.menopause().status()).isEqualTo(Menopause.Status.NOT_APPLICABLE);
        assertThat(p.menopause().treatAsPremenopausal()).isFalse();
    }
}
