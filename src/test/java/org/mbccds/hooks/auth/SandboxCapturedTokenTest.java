package org.mbccds.hooks.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Real tokens from the CDS Hooks sandbox (captured 2026-11-23, ES384, jku, no sub, no tenant), checked with the clock
 * at capture time against the sandbox JWKS shipped in src/main/resources: their signatures verify, their aud matches
 * with mbc.public-base-url set to the URL they were sent to, and each is accepted once.
 */
@QuarkusTest
@TestProfile(SandboxAtCaptureTimeProfile.class)
class SandboxCapturedTokenTest {

    @Test
    void theDiscoveryTokenIsAcceptedOnceThenRefusedAsAReplay() {
        String token = TestClients.capturedSandboxToken("discovery-headers.json").get(0);
        given().header("Authorization", token).get("/cds-services").then().statusCode(200)
                .body("services.id", hasItem("mbc-patient-view"));
        try (CapturedLog log = CapturedLog.of("org.mbccds.hooks.auth")) {
            given().header("Authorization", token).get("/cds-services").then().statusCode(401);
            assertThat(log.lastRefusal()).contains("reason=jti-replayed ");
        }
    }

    @Test
    void theServiceTokenIsAcceptedForItsServiceOnly() {
        String token = TestClients.capturedSandboxToken("01-cds-services_mbc-patient-view.headers.json").get(0);
        String body = """
                {"hook": "patient-view", "hookInstance": "%s", "context": {"userId": "Practitioner/x", "patientId": "p1"},
                 "prefetch": {"patient": null, "conditions": null, "observations": null, "medStatements": null,
                              "medRequests": null, "medAdministrations": null}}
                """.formatted(UUID.randomUUID());
        try (CapturedLog log = CapturedLog.of("org.mbccds.hooks.auth")) {
            given().header("Authorization", token).contentType("application/json").body(body)
                    .post("/cds-services/mbc-order-select").then().statusCode(401);
            assertThat(log.lastRefusal()).contains("reason=wrong-aud ");
        }
        given().header("Authorization", token).contentType("application/json").body(body)
                .post("/cds-services/mbc-patient-view").then().statusCode(200).body("cards", notNullValue());
    }

    @Test
    void aTamperedSandboxTokenIsRefused() {
        String token = TestClients.capturedSandboxToken("02-cds-services_mbc-order-select.headers.json").get(0);
        String tampered = "Bearer " + TestClients.tamperPayload(token.substring("Bearer ".length()));
        try (CapturedLog log = CapturedLog.of("org.mbccds.hooks.auth")) {
            given().header("Authorization", tampered).contentType("application/json").body("{}")
                    .post("/cds-services/mbc-order-select").then().statusCode(401);
            assertThat(log.lastRefusal()).contains("reason=bad-signature ");
        }
    }
}
