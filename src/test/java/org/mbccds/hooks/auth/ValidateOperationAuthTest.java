package org.mbccds.hooks.auth;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mbccds.testing.Json;
import org.mbccds.validation.RecordValidator;

import java.net.URL;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * With authentication on, $validate needs a CDS client's token like every other call (it may receive real records),
 * and neither start-up nor a hook call builds the HAPI validator.
 */
@QuarkusTest
@TestProfile(AuthEnabledProfile.class)
class ValidateOperationAuthTest {
    @TestHTTPResource("/cds-services")
    URL discovery;

    @Inject
    RecordValidator validator;

    @Test
    void theValidatorIsNotBuiltByStartUpOrHooksAndValidateIsRefusedWithoutAToken() {
        String patientView = """
                {"hook": "patient-view", "hookInstance": "%s",
                 "context": {"userId": "Practitioner/example", "patientId": "example"},
                 "prefetch": {"patient": null, "conditions": null, "observations": null, "medStatements": null,
                              "medRequests": null, "medAdministrations": null}}""".formatted(UUID.randomUUID());
        given().header("Authorization", TestClients.ehr(discovery + "/mbc-patient-view").bearer())
                .contentType("application/json").body(patientView).post("/cds-services/mbc-patient-view")
                .then().statusCode(200);

        String bundle = Json.exampleText("mcode/Bundle-mcode-patient-bundle-jenny-m.json");
        given().contentType("application/json").body(bundle).post("/fhir/Bundle/$validate")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("resourceType", equalTo("OperationOutcome")).body("issue[0].code", equalTo("login"));
        // A token for another URL does not open it: aud must name the URL called, as for the hooks.
        given().header("Authorization", TestClients.ehr(discovery.toString()).bearer())
                .contentType("application/json").body(bundle).post("/fhir/Bundle/$validate")
                .then().statusCode(401);

        assertThat(validator.isBuilt()).isFalse();
    }
}
