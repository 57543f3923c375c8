package org.mbccds.clinical;

import org.junit.jupiter.api.Test;
import org.mbccds.testing.Fhir;
import org.mbccds.testing.Knowledge;

import static org.assertj.core.api.Assertions.assertThat;

class BiomarkersTest {

    @Test
    void genomicsReportingVariantsByHgncWithAndWithoutPrefix() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.variant("HGNC:8975", null, "2024-01-01"),
                Fhir.variant("3467", null, "2024-01-01")));
        assertThat(p.biomarkers().of(Biomarkers.Marker.PIK3CA)).isEqualTo(Biomarkers.Status.DETECTED);
        assertThat(p.biomarkers().of(Biomarkers.Marker.ESR1)).isEqualTo(Biomarkers.Status.DETECTED);
        assertThat(p.biomarkers().of(Biomarkers.Marker.PIK3CA_AKT1_PTEN)).isEqualTo(Biomarkers.Status.DETECTED);
        assertThat(p.biomarkers().of(Biomarkers.Marker.AKT1)).isEqualTo(Biomarkers.Status.UNKNOWN);
    }

    @Test
    void brcaOriginDecidesGermlineOrSomatic() {
        ClinicalPicture germline = Knowledge.picture(Fhir.record(Fhir.variant("HGNC:1100", "LA6683-2", "2024-01-01")));
        assertThat(germline.biomarkers().of(Biomarkers.Marker.GERMLINE_BRCA)).isEqualTo(Biomarkers.Status.DETECTED);
        ClinicalPicture somatic = Knowledge.picture(Fhir.record(Fhir.variant("HGNC:1101", "LA6684-0", "2024-01-01")));
        assertThat(somatic.biomarkers().of(Biomarkers.Marker.SOMATIC_BRCA)).isEqualTo(Biomarkers.Status.DETECTED);
        assertThat(somatic.biomarkers().of(Biomarkers.Marker.GERMLINE_BRCA)).isEqualTo(Biomarkers.Status.UNKNOWN);
    }

    @Test
    void snomedGermlineBrcaNegativeFinding() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.coded("21636-6", Fhir.SNOMED, "412736006", "2024-01-01")));
        assertThat(p.biomarkers().of(Biomarkers.Marker.GERMLINE_BRCA)).isEqualTo(Biomarkers.Status.NOT_DETECTED);
    }

    @Test
    void pdl1CpsIsReadOnlyWhenTheObservationSaysCps() {
        ClinicalPicture p = Knowledge.picture(Fhir.record(Fhir.pdl1Cps(12, "2024-01-01")));
        assertThat(p.biomarkers().pdl1Cps()).contains(12.0);
        var tps = Fhir.observation(Fhir.LOINC, "83053-9", "2024-01-01");
        tps.setValue(new org.hl7.fhir.r4.model.Quantity().setValue(java.math.BigDecimal.valueOf(30)).setUnit("%"));
        assertThat(Knowledge.picture(Fhir.record(tps)).biomarkers().pdl1Cps()).isEmpty();
    }

    @Test
    void trialMatchingPatientHasEsr1AndPik3caAndMsiFromTheExample() {
        ClinicalPicture p = Knowledge.picture(Fhir.example("trial-matching/TrialMatching_Patient01.json"));
        assertThat(p.biomarkers().of(Biomarkers.Marker.ESR1)).isEqualTo(Biomarkers.Status.DETECTED);
        assertThat(p.biomarkers().of(Biomarkers.Marker.PIK3CA)).isEqualTo(Biomarkers.Status.DETECTED);
        assertThat(p.biomarkers().of(Biomarkers.Marker.MSI_HIGH)).isEqualTo(Biomarkers.Status.DETECTED);
    }

    @Test
    void mcodePalb2VariantIsSomaticSoGermlinePalb2StaysUnknown() {
        // The mCODE persona's PALB2 variant carries genomic source class LA6684-0 (somatic).
        ClinicalPicture p = Knowledge.picture(Fhir.example("mcode/Bundle-mcode-patient-bundle-jenny-m.json"));
        assertThat(p.biomarkers().of(Biomarkers.Marker.GERMLINE_PALB2)).isEqualTo(Biomarkers.Status.UNKNOWN);
        ClinicalPicture germline = Knowledge.picture(Fhir.record(Fhir.variant("HGNC:26144", "LA6683-2", "2024-01-01")));
        assertThat(germline.biomarkers().of(Biomarkers.Marker.GERMLINE_PALB2)).isEqualTo(Biomarkers.Status.DETECTED);
    }
}
