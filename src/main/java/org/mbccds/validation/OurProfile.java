package org.mbccds.validation;

import java.util.Arrays;
import java.util.Optional;

/** The profiles of fhir-profiles/structuredefinitions/, each with what it means for mbc-cds, for the report. */
public enum OurProfile {
    PATIENT("mbc-cancer-patient", "Patient", "the patient (gender, birth date)"),
    PRIMARY_CANCER_CONDITION("mbc-primary-cancer-condition", "Condition", "a primary breast cancer"),
    SECONDARY_CANCER_CONDITION("mbc-secondary-cancer-condition", "Condition", "a secondary (metastatic) cancer"),
    TUMOUR_MARKER_TEST("mbc-tumour-marker-test", "Observation", "a tumour marker result"),
    GENOMIC_VARIANT("mbc-genomic-variant", "Observation", "a genomic variant result"),
    MEDICATION_REQUEST("mbc-cancer-related-medication-request", "MedicationRequest", "a medication"),
    MEDICATION_ADMINISTRATION("mbc-cancer-related-medication-administration", "MedicationAdministration",
            "a medication"),
    MEDICATION_STATEMENT("mbc-cancer-related-medication-statement", "MedicationStatement", "a medication");

    public static final String BASE = "https://mbc-cds.org/fhir/StructureDefinition/";

    private final String id;
    private final String resourceType;
    private final String meaning;

    OurProfile(String id, String resourceType, String meaning) {
        this.id = id;
        this.resourceType = resourceType;
        this.meaning = meaning;
    }

    public String id() {
        return id;
    }

    public String url() {
        return BASE + id;
    }

    public String resourceType() {
        return resourceType;
    }

    public String meaning() {
        return meaning;
    }

    /** By canonical URL or by bare id ("mbc-tumour-marker-test"), as a caller may write either. */
    public static Optional<OurProfile> byUrlOrId(String urlOrId) {
        String id = urlOrId.startsWith(BASE) ? urlOrId.substring(BASE.length()) : urlOrId;
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
