package org.mbccds.validation;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.junit.jupiter.api.Test;
import org.mbccds.testing.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profiles and the validator on real and broken records. Calls the bean directly (the HTTP surface is
 * {@code FhirValidateResourceTest}); the validator is built once for the test application and shared by both.
 */
@QuarkusTest
class RecordValidationTest {
    private static final String JENNY = "mcode/Bundle-mcode-patient-bundle-jenny-m.json";

    @Inject
    RecordValidator validator;
    @Inject
    FhirContext fhir;

    @Test
    void theMcodeBundleHasNoErrorsAndItsCancerDataMeetsOurProfilesWithoutWarnings() {
        OperationOutcome outcome = validate(Json.exampleText(JENNY), Optional.empty());

        assertThat(issues(outcome, IssueSeverity.ERROR)).isEmpty();
        assertThat(issues(outcome, IssueSeverity.FATAL)).isEmpty();
        assertThat(understood(outcome, 0)).contains("checked against mbc-cancer-patient");
        assertThat(understood(outcome, 1)).contains("checked against mbc-primary-cancer-condition");
        assertThat(understood(outcome, 5)).contains("checked against mbc-cancer-related-medication-request")
                .contains("recognised as anastrozole (RxNorm 84857)");
        assertThat(understood(outcome, 7)).contains("checked against mbc-genomic-variant");
        assertThat(understood(outcome, 12)).contains("FHIR R4 only").contains("mbc-cds reads its code");
        for (int er : new int[]{19, 20, 21}) {
            assertThat(understood(outcome, er)).contains("checked against mbc-tumour-marker-test");
        }
        // The Oncotype DX score is an mCODE tumour marker, but not one mbc-cds reads.
        assertThat(understood(outcome, 22)).contains("FHIR R4 only").contains("not one mbc-cds reads");
        // The one warning is FHIR's own interpretation binding on the ECOG Observation, which we do not profile.
        assertThat(issues(outcome, IssueSeverity.WARNING)).extracting(i -> i.getExpression().get(0).getValue())
                .allSatisfy(at -> assertThat(at).startsWith("Bundle.entry[18]"));
        // The mCODE and US Core profiles the record declares are named as not checked, not as a problem.
        assertThat(issuesOf(outcome, 1)).anySatisfy(i -> assertThat(i.getDiagnostics())
                .contains("declares http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-primary-cancer-condition,"
                        + " which mbc-cds does not ship"));
        // LOINC, SNOMED and RxNorm cannot be checked offline: not reported per code.
        assertThat(outcome.getIssue()).noneSatisfy(i -> assertThat(i.getDiagnostics()).contains("CodeSystem is unknown"));
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).startsWith("40 entries checked; 0 error(s), 1 warning(s);"
                + " 10 checked against mbc-cds profiles");
    }

    /**
     * Documented deviation: mCODE's variant example puts SNOMED 10828004 in interpretation, which FHIR R4's own
     * (extensible) interpretation binding warns about; mbc-cds reads it. Nothing from our profiles.
     */
    @Test
    void singleMcodeExamplesOfTheOtherProfilesHaveNoErrorsAndNoWarningsFromOurProfiles() {
        for (String[] example : new String[][]{
                {"Condition-secondary-cancer-condition-brain-mets.json", "mbc-secondary-cancer-condition"},
                {"MedicationAdministration-cancer-related-medication-admin-paclitaxel-jenny-m.json",
                        "mbc-cancer-related-medication-administration"},
                {"Observation-genomic-variant-somatic-single-nucleotide.json", "mbc-genomic-variant"},
                {"Observation-tumor-marker-test-her2-jenny-m.json", "mbc-tumour-marker-test"}}) {
            OperationOutcome outcome = validate(resource("validation/mcode/" + example[0]), Optional.empty());
            assertThat(outcome.getIssue().get(1).getDiagnostics()).as(example[0]).contains("checked against " + example[1]);
            assertThat(outcome.getIssue()).as(example[0]).allSatisfy(i -> {
                if (i.getSeverity() != IssueSeverity.INFORMATION) {
                    assertThat(i.getSeverity()).as(i.getDiagnostics()).isEqualTo(IssueSeverity.WARNING);
                    assertThat(i.getDiagnostics()).contains("'Observation Interpretation Codes'");
                }
            });
        }
    }

    /**
     * Documented deviation: the trial-matching records (mCODE STU1) use "urn:uuid:" fullUrls that are not UUIDs and a
     * Bundle.id with "_", which FHIR forbids; mbc-cds reads them anyway. Everything else is at most a warning.
     */
    @Test
    void theTrialMatchingRecordsOnlyErrorsAreTheirInvalidIdentifiers() {
        OperationOutcome outcome = validate(Json.exampleText("trial-matching/TrialMatching_Patient01.json"), Optional.empty());

        assertThat(issues(outcome, IssueSeverity.ERROR)).hasSize(19).allSatisfy(i -> assertThat(i.getDiagnostics())
                .containsAnyOf("UUIDs must be valid and lowercase", "Invalid Resource id"));
        assertThat(understood(outcome, 3)).contains("its code is in none of mbc-cds's cancer ValueSets");
        assertThat(understood(outcome, 4)).contains("checked against mbc-secondary-cancer-condition");
        assertThat(issuesOf(outcome, 6)).anySatisfy(i -> assertThat(i.getDiagnostics()).contains("mbc-tmt-date"));
    }

    /** Synthea's drugs are MedicationRequests referencing a Medication entry by urn:uuid: the report follows it. */
    @Test
    void aSyntheaRecordHasNoErrorsAndItsReferencedMedicationsAreRecognised() {
        OperationOutcome outcome = validate(resource(
                "synthea/synthea-stage4-hr-pos-her2-pos-paclitaxel-then-fulvestrant.json"), Optional.empty());

        assertThat(issues(outcome, IssueSeverity.ERROR)).isEmpty();
        assertThat(understood(outcome, 21)).contains("checked against mbc-cancer-related-medication-request")
                .contains("recognised as").contains("RxNorm 583214");
        assertThat(understood(outcome, 20)).contains("read through the medication resources that reference it");
        // Synthea leaves out the encounters its resources reference: a FHIR warning, nothing mbc-cds needs.
        assertThat(issues(outcome, IssueSeverity.WARNING)).extracting(OperationOutcomeIssueComponent::getDiagnostics)
                .allSatisfy(d -> assertThat(d).containsAnyOf("URN reference is not locally contained", "'IdentifierType'"));
    }

    @Test
    void anObservationWithoutStatusIsAnErrorAtStatus() {
        OperationOutcome outcome = validate(erTest("").toString(), Optional.empty());

        assertThat(issues(outcome, IssueSeverity.ERROR)).singleElement().satisfies(i -> {
            assertThat(i.getDiagnostics()).startsWith("Observation/er-1: ").contains("Observation.status")
                    .contains("minimum required = 1");
            assertThat(i.getExpression().get(0).getValue()).isEqualTo("Observation");
        });
    }

    @Test
    void anErResultAsADateIsAnErrorNamingTheTypesWeRead() {
        String json = erTest("\"status\": \"final\",").replace("\"valueCodeableConcept\": {\"coding\": [{\"system\":"
                + " \"http://snomed.info/sct\", \"code\": \"10828004\"}]}", "\"valueDateTime\": \"2024-01-01\"");

        OperationOutcome outcome = validate(json, Optional.empty());

        assertThat(issues(outcome, IssueSeverity.ERROR)).singleElement().satisfies(i -> {
            assertThat(i.getDiagnostics()).contains("valueDateTime").contains("CodeableConcept, Quantity, integer, string,"
                    + " boolean");
            assertThat(i.getExpression().get(0).getValue()).isEqualTo("Observation");
        });
    }

    @Test
    void inABundleErrorsAreReportedPerEntryWithTheirLocation() {
        String bundle = """
                {"resourceType": "Bundle", "type": "collection", "entry": [
                  {"fullUrl": "https://ehr.example.org/fhir/Patient/p1",
                   "resource": {"resourceType": "Patient", "id": "p1", "gender": "female", "birthDate": "1960-04-02"}},
                  {"fullUrl": "https://ehr.example.org/fhir/Condition/c1",
                   "resource": {"resourceType": "Condition", "id": "c1",
                    "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "C50.912"}]},
                    "onsetDateTime": "2021-03-01"}},
                  {"fullUrl": "https://ehr.example.org/fhir/Observation/er-1", "resource": %s}
                ]}""".formatted(erTest(""));

        OperationOutcome outcome = validate(bundle, Optional.empty());

        assertThat(understood(outcome, 1)).contains("checked against mbc-primary-cancer-condition");
        // Each missing element once, although both FHIR R4 and our profile require it.
        assertThat(issues(outcome, IssueSeverity.ERROR)).hasSize(2).anySatisfy(i -> {
            assertThat(i.getDiagnostics()).startsWith("entry[1] Condition/c1: ").contains("Condition.subject");
            assertThat(i.getExpression().get(0).getValue()).startsWith("Bundle.entry[1].resource");
        }).anySatisfy(i -> {
            assertThat(i.getDiagnostics()).startsWith("entry[2] Observation/er-1: ").contains("Observation.status");
            assertThat(i.getExpression().get(0).getValue()).startsWith("Bundle.entry[2].resource");
        });
        // An ICD-10-CM code matched by our C50.* regex is in the ValueSet: no binding warning.
        assertThat(issuesOf(outcome, 1)).noneSatisfy(i -> assertThat(i.getDiagnostics()).contains("value set"));
    }

    @Test
    void aCodeOutsideOurValueSetIsAWarningWhenTheProfileIsAskedFor() {
        String hypertension = """
                {"resourceType": "Condition", "id": "c2", "subject": {"reference": "Patient/p1"},
                 "code": {"coding": [{"system": "http://snomed.info/sct", "code": "38341003"}]},
                 "recordedDate": "2020-01-01"}""";

        OperationOutcome chosen = validate(hypertension, Optional.empty());
        OperationOutcome asked = validate(hypertension, Optional.of("mbc-primary-cancer-condition"));

        assertThat(chosen.getIssue().get(1).getDiagnostics()).contains("FHIR R4 only");
        assertThat(issues(chosen, IssueSeverity.WARNING)).isEmpty();
        assertThat(issues(asked, IssueSeverity.WARNING)).singleElement().satisfies(i -> assertThat(i.getDiagnostics())
                .contains("Primary breast cancer condition codes").contains("38341003"));
        assertThat(issues(asked, IssueSeverity.ERROR)).isEmpty();
    }

    @Test
    void ourOwnRulesWarnWhatMbcCdsWouldMiss() {
        String variant = """
                {"resourceType": "Observation", "id": "v1", "status": "final", "subject": {"reference": "Patient/p1"},
                 "code": {"coding": [{"system": "http://loinc.org", "code": "69548-6"}]},
                 "valueCodeableConcept": {"coding": [{"system": "http://loinc.org", "code": "LA9633-4"}]}}""";
        String undatedPatient = """
                {"resourceType": "Patient", "id": "p1", "gender": "female"}""";

        assertThat(issues(validate(variant, Optional.empty()), IssueSeverity.WARNING)).singleElement()
                .satisfies(i -> assertThat(i.getDiagnostics()).contains("mbc-gv-gene").contains("which gene"));
        assertThat(issues(validate(undatedPatient, Optional.empty()), IssueSeverity.WARNING)).singleElement()
                .satisfies(i -> assertThat(i.getDiagnostics()).contains("mbc-pat-birthdate"));
    }

    @Test
    void aMedicationIsReportedAsTheDrugMbcCdsRecognises() {
        String byName = """
                {"resourceType": "MedicationStatement", "id": "m1", "status": "completed",
                 "subject": {"reference": "Patient/p1"}, "effectivePeriod": {"start": "2022-01-01"},
                 "medicationCodeableConcept": {"coding": [{"system": "http://hl7.org/fhir/sid/ndc",
                   "code": "0078-0860-61"}], "text": "Kisqali 200 mg"}}""";
        String unknown = byName.replace("Kisqali 200 mg", "lisinopril 10 mg");

        assertThat(validate(byName, Optional.empty()).getIssue().get(1).getDiagnostics())
                .contains("checked against mbc-cancer-related-medication-statement").contains("recognised as ribociclib");
        OperationOutcome other = validate(unknown, Optional.empty());
        assertThat(other.getIssue().get(1).getDiagnostics()).contains("no code or name of a drug mbc-cds knows");
        assertThat(issues(other, IssueSeverity.WARNING)).isEmpty();
        assertThat(issues(other, IssueSeverity.ERROR)).isEmpty();
    }

    @Test
    void aMalformedBundleIsReportedNotThrown() {
        OperationOutcome outcome = validate("""
                {"resourceType": "Bundle", "type": "collection", "entry": {"resource": {"resourceType": "Patient"}}}""",
                Optional.empty());

        assertThat(issues(outcome, IssueSeverity.ERROR)).isNotEmpty()
                .allSatisfy(i -> assertThat(i.getDiagnostics()).startsWith("Bundle: "));
    }

    @Test
    void aProfileForAnotherTypeLeavesTheResourceToFhirR4() {
        OperationOutcome outcome = validate(erTest("\"status\": \"final\","), Optional.of(OurProfile.PATIENT.url()));

        assertThat(outcome.getIssue().get(1).getDiagnostics()).contains("FHIR R4 only (the profile asked for is for Patient)");
    }

    // --------------------------------------------------------------------------------------------------------------

    /** An ER result (LOINC 85337-4, SNOMED positive) with {@code status} as given ("" for none). */
    static String erTest(String status) {
        return """
                {"resourceType": "Observation", "id": "er-1", %s
                 "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2021-03-02",
                 "code": {"coding": [{"system": "http://loinc.org", "code": "85337-4"}]},
                 "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "10828004"}]}}"""
                .formatted(status);
    }

    private OperationOutcome validate(String json, Optional<String> profile) {
        RecordValidator.Result result = validator.validate(Json.parse(json), Optional.empty(), profile);
        assertThat(result).isInstanceOf(RecordValidator.Report.class);
        OperationOutcome outcome = ((RecordValidator.Report) result).outcome();
        // Round trip: what the HTTP caller gets must be a valid OperationOutcome.
        fhir.newJsonParser().parseResource(OperationOutcome.class, fhir.newJsonParser().encodeResourceToString(outcome));
        return outcome;
    }

    private static List<OperationOutcomeIssueComponent> issues(OperationOutcome o, IssueSeverity severity) {
        return o.getIssue().stream().filter(i -> i.getSeverity() == severity).toList();
    }

    /** The issues of one Bundle entry, our "understood" note first. */
    private static List<OperationOutcomeIssueComponent> issuesOf(OperationOutcome o, int entry) {
        return o.getIssue().stream().filter(i -> i.getDiagnostics().startsWith("entry[" + entry + "] ")).toList();
    }

    private static String understood(OperationOutcome o, int entry) {
        return issuesOf(o, entry).get(0).getDiagnostics();
    }

    private static String resource(String relative) {
        try {
            return Files.readString(Path.of("src/test/resources").resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
