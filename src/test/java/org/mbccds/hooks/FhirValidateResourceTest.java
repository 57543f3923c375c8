package org.mbccds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mbccds.testing.Http;
import org.mbccds.testing.Json;
import org.mbccds.validation.RecordValidator;

import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /fhir/{type}/$validate over HTTP: what an integration engineer's curl gets. */
@QuarkusTest
class FhirValidateResourceTest {
    private static final String PATIENT = """
            {"resourceType": "Patient", "id": "p1", "gender": "female", "birthDate": "1960-04-02"}""";

    @Inject
    RecordValidator validator;

    /** The first validation builds the validator (seconds); do it here rather than within an HTTP client timeout. */
    @BeforeEach
    void warmUp() {
        if (!validator.isBuilt()) {
            validator.validate(Json.parse(PATIENT), Optional.empty(), Optional.empty());
        }
    }

    @Test
    void aBundleGetsAnOperationOutcomeWithOneNotePerEntry() {
        JsonNode outcome = Http.ok(post("/fhir/Bundle/$validate",
                Json.exampleText("mcode/Bundle-mcode-patient-bundle-jenny-m.json")));

        assertThat(outcome.path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(outcome.path("issue").findValuesAsText("severity")).doesNotContain("error", "fatal");
        assertThat(outcome.path("issue").findValuesAsText("diagnostics"))
                .anySatisfy(d -> assertThat(d).startsWith("entry[19] Observation/tumor-marker-test-er-jenny-m: checked against"
                        + " mbc-tumour-marker-test"))
                .filteredOn(d -> d.matches("entry\\[\\d+] .*: checked against .*")).hasSize(40);
    }

    @Test
    void theOperationMayBeUrlEncodedAndTheProfileAskedFor() {
        String noStatus = """
                {"resourceType": "Observation", "id": "er-1", "subject": {"reference": "Patient/p1"},
                 "code": {"coding": [{"system": "http://loinc.org", "code": "85337-4"}]},
                 "valueString": "positive", "effectiveDateTime": "2021-03-02"}""";

        // As sent, not re-encoded by the test client (which otherwise encodes "$" itself).
        JsonNode outcome = Http.ok(given().urlEncodingEnabled(false).contentType("application/fhir+json").body(noStatus)
                .queryParam("profile", "https%3A%2F%2Fmbc-cds.org%2Ffhir%2FStructureDefinition%2Fmbc-tumour-marker-test")
                .post("/fhir/Observation/%24validate"));

        JsonNode error = errors(outcome).get(0);
        assertThat(error.path("diagnostics").asText()).contains("Observation.status: minimum required = 1");
        assertThat(error.path("expression").get(0).asText()).isEqualTo("Observation");
        assertThat(outcome.path("issue").get(1).path("diagnostics").asText())
                .isEqualTo("Observation/er-1: checked against mbc-tumour-marker-test (as asked)");
    }

    @Test
    void fhirParametersAreAcceptedAsTheStandardOperationDefinesThem() {
        String parameters = """
                {"resourceType": "Parameters", "parameter": [
                  {"name": "resource", "resource": %s},
                  {"name": "profile", "valueCanonical": "mbc-cancer-patient"}]}""".formatted(PATIENT);

        JsonNode outcome = Http.ok(post("/fhir/$validate", parameters));

        assertThat(outcome.path("issue").get(1).path("diagnostics").asText())
                .isEqualTo("Patient/p1: checked against mbc-cancer-patient (as asked)");
        assertThat(errors(outcome)).isEmpty();
    }

    @Test
    void whatIsNotFhirIsA400OperationOutcomeSayingWhy() {
        assertThat(Http.error(post("/fhir/Bundle/$validate", "not json"), 400)).contains("not valid JSON");
        assertThat(Http.error(post("/fhir/Bundle/$validate", ""), 400)).contains("empty");
        assertThat(Http.error(post("/fhir/Bundle/$validate", "[1, 2]"), 400)).contains("not a FHIR resource");
        assertThat(Http.error(post("/fhir/Bundle/$validate", "{\"hook\": \"patient-view\"}"), 400))
                .contains("not a FHIR resource: it has no resourceType");
        assertThat(Http.error(post("/fhir/$validate", "{\"resourceType\": \"MedicationOrder\"}"), 400))
                .contains("'MedicationOrder' is not a FHIR R4 resource type");
        assertThat(Http.error(post("/fhir/Bundle/$validate", PATIENT), 400))
                .contains("The URL names Bundle but the body is a Patient");
        assertThat(Http.error(post("/fhir/$validate", "{\"resourceType\": \"Parameters\", \"parameter\": []}"), 400))
                .contains("needs a parameter 'resource'");
        assertThat(Http.error(given().contentType("application/json").body(PATIENT).queryParam("profile", "us-core-patient")
                .post("/fhir/Patient/$validate"), 400)).contains("Unknown profile 'us-core-patient'; known: mbc-cancer-patient");
        assertThat(Http.error(post("/fhir/Bundle/$everything", PATIENT), 404)).contains("No operation '$everything'");
    }

    private static Response post(String path, String body) {
        return given().contentType("application/json").body(body).post(path);
    }

    private static java.util.List<JsonNode> errors(JsonNode outcome) {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        outcome.path("issue").forEach(i -> {
            if ("error".equals(i.path("severity").asText())) {
                out.add(i);
            }
        });
        return out;
    }
}
