package org.mbccds.validation;

import com.fasterxml.jackson.databind.JsonNode;
import org.mbccds.terminology.CodeMatcher;
import org.mbccds.terminology.Terminology;

import java.util.Optional;

/**
 * Which of our profiles a resource is checked against, decided the way the clinical readers decide what a resource
 * is: by its code in our ValueSets. A resource the readers would not pick up gets no profile (FHIR R4 only), so an
 * unrelated lab result is not reported against a tumour-marker profile it never claimed.
 */
final class ProfileSelector {
    private final CodeMatcher notPrimary, primary, distant, toConfirm, regionalNode, tumourMarker, variant, observationsRead;

    ProfileSelector(Terminology t) {
        notPrimary = t.matcher("breast-cancer-not-primary");
        primary = t.matcher("primary-cancer-condition-code");
        distant = t.matcher("metastatic-distant-condition");
        toConfirm = t.matcher("metastatic-recurrence-to-confirm");
        regionalNode = t.matcher("metastatic-regional-node");
        tumourMarker = t.matcher("tumour-marker-test-code");
        variant = t.matcher("genomic-variant-observation");
        observationsRead = t.matcher("prefetch-observation-codes");
    }

    Optional<OurProfile> select(JsonNode resource) {
        JsonNode code = resource.path("code");
        switch (resource.path("resourceType").asText("")) {
            case "Patient":
                return Optional.of(OurProfile.PATIENT);
            case "Condition":
                if (has(code, notPrimary)) {
                    return Optional.empty();
                }
                if (has(code, primary)) {
                    return Optional.of(OurProfile.PRIMARY_CANCER_CONDITION);
                }
                if (has(code, distant) || has(code, toConfirm) || has(code, regionalNode)) {
                    return Optional.of(OurProfile.SECONDARY_CANCER_CONDITION);
                }
                return Optional.empty();
            case "Observation":
                if (has(code, variant)) {
                    return Optional.of(OurProfile.GENOMIC_VARIANT);
                }
                return has(code, tumourMarker) ? Optional.of(OurProfile.TUMOUR_MARKER_TEST) : Optional.empty();
            case "MedicationRequest":
                return Optional.of(OurProfile.MEDICATION_REQUEST);
            case "MedicationAdministration":
                return Optional.of(OurProfile.MEDICATION_ADMINISTRATION);
            case "MedicationStatement":
                return Optional.of(OurProfile.MEDICATION_STATEMENT);
            default:
                return Optional.empty();
        }
    }

    /** Why a Condition got no profile, for the report. */
    String conditionNote(JsonNode resource) {
        return has(resource.path("code"), notPrimary)
                ? "its code names a metastasis to the breast, an in-situ or a history-only breast cancer, which mbc-cds"
                + " does not read as a breast primary"
                : "its code is in none of mbc-cds's cancer ValueSets";
    }

    /** Why an Observation got no profile, for the report. */
    String observationNote(JsonNode resource) {
        return has(resource.path("code"), observationsRead)
                ? "mbc-cds reads its code (stage, M category, disease status, menopausal status or a single-gene test),"
                + " but no mbc-cds profile covers it"
                : "its code is not one mbc-cds reads";
    }

    static boolean has(JsonNode codeableConcept, CodeMatcher matcher) {
        for (JsonNode coding : codeableConcept.path("coding")) {
            if (matcher.contains(coding.path("system").asText(""), coding.path("code").asText(""))) {
                return true;
            }
        }
        return false;
    }

}
