package org.mbccds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mbccds.testing.Cards;
import org.mbccds.testing.FakeFhirServer;
import org.mbccds.testing.Http;
import org.mbccds.testing.Json;
import org.mbccds.testing.RequestBodies;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each limit of a hook call refused with its own status and an OperationOutcome naming the limit (with the test
 * profile's small numbers; production has the same code with the defaults of application.properties).
 */
@QuarkusTest
@TestProfile(SmallLimitsProfile.class)
class LimitsTest {
    private static final String PATIENT_VIEW = "mbc-patient-view";

    static JsonNode outcome(Response r, int status) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode body = Json.parse(r.asString());
        assertThat(body.path("resourceType").asText()).isEqualTo("OperationOutcome");
        return body;
    }

    static String diagnostics(JsonNode outcome) {
        return outcome.path("issue").path(0).path("diagnostics").asText();
    }

    @Test
    void aBodyOverTheSizeLimitIsA413WithJson() {
        ObjectNode body = RequestBodies.patientView();
        body.put("padding", "x".repeat(70 * 1024));
        Response r = given().header("Origin", "https://sandbox.cds-hooks.org").contentType("application/json")
                .body(Json.MAPPER.valueToTree(body).toString().getBytes(StandardCharsets.UTF_8))
                .post("/cds-services/" + PATIENT_VIEW);
        JsonNode outcome = outcome(r, 413);
        assertThat(outcome.path("issue").path(0).path("code").asText()).isEqualTo("too-costly");
        assertThat(diagnostics(outcome)).contains("65536 bytes").contains("mbc.limits.max-body-size");
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("https://sandbox.cds-hooks.org");
    }

    /** No Content-Length to check up front: the same answer once the body is read. */
    @Test
    void aChunkedBodyOverTheSizeLimitIsA413WithJson() {
        ObjectNode body = RequestBodies.patientView();
        body.put("padding", "x".repeat(70 * 1024));
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        Response r = given().contentType("application/json").body(new java.io.ByteArrayInputStream(bytes))
                .post("/cds-services/" + PATIENT_VIEW);
        assertThat(r.header("Content-Length")).isNotEqualTo(String.valueOf(bytes.length));
        assertThat(diagnostics(outcome(r, 413))).contains("65536 bytes");
    }

    @Test
    void aChunkedFeedbackBodyOverTheSizeLimitIsA413WithJsonToo() {
        byte[] bytes = ("{\"feedback\": [], \"padding\": \"" + "x".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        Response r = given().contentType("application/json").body(new java.io.ByteArrayInputStream(bytes))
                .post("/cds-services/" + PATIENT_VIEW + "/feedback");
        assertThat(diagnostics(outcome(r, 413))).contains("65536 bytes");
    }

    @Test
    void aBodyJustUnderTheSizeLimitIsServed() {
        ObjectNode body = RequestBodies.patientView();
        body.put("padding", "x".repeat(60 * 1024));
        Http.ok(Http.post(PATIENT_VIEW, body));
    }

    @Test
    void nestingDeeperThanTheLimitIsA400NamingIt() {
        ObjectNode body = RequestBodies.patientView();
        ObjectNode deep = body.putObject("extension");
        for (int i = 0; i < 60; i++) {
            deep = deep.putObject("x");
        }
        JsonNode outcome = outcome(Http.post(PATIENT_VIEW, body), 400);
        assertThat(diagnostics(outcome)).contains("deeper than 40 levels").contains("mbc.limits.max-nesting-depth");
    }

    @Test
    void aPrefetchOverTheResourceLimitIsA413NamingTheKeyAndTheLimit() {
        ObjectNode body = RequestBodies.patientView();
        ObjectNode bundle = ((ObjectNode) body.get("prefetch")).putObject("observations");
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "searchset");
        ArrayNode entries = bundle.putArray("entry");
        for (int i = 0; i < 21; i++) {
            ObjectNode o = entries.addObject().putObject("resource");
            o.put("resourceType", "Observation");
            o.put("id", "o" + i);
            o.put("status", "final");
            o.putObject("subject").put("reference", "Patient/p1");
        }
        JsonNode outcome = outcome(Http.post(PATIENT_VIEW, body), 413);
        assertThat(diagnostics(outcome)).contains("'observations'").contains("mbc.limits.max-resources=20");

        entries.remove(20);
        entries.remove(19);
        Http.ok(Http.post(PATIENT_VIEW, body));
    }

    // ---- a FHIR server behind the record: the deadline, and a record larger than the limit ----

    static final String PATIENT_ID = "mCODETrialMatchingPatientExample01";

    /** patient and conditions prefetched (they make this patient metastatic), the rest left to the server. */
    static ObjectNode fallbackRequest(FakeFhirServer server) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("hook", "patient-view");
        body.put("hookInstance", java.util.UUID.randomUUID().toString());
        body.put("fhirServer", server.base().toString());
        body.putObject("context").put("userId", "Practitioner/COREPRACTITIONER1").put("patientId", PATIENT_ID);
        ObjectNode prefetch = body.putObject("prefetch");
        prefetch.set("patient", server.answer("Patient/" + PATIENT_ID));
        prefetch.set("conditions", server.answer("Condition?patient=" + PATIENT_ID));
        return body;
    }

    @Test
    void aServerSlowerThanTheDeadlineGivesAnAnswerWithWhatIsKnown() {
        try (FakeFhirServer server = FakeFhirServer.serving("trial-matching/TrialMatching_Patient01.json")) {
            ObjectNode body = fallbackRequest(server);
            server.mode(FakeFhirServer.Mode.HANG);
            JsonNode answer = Http.ok(Http.post(PATIENT_VIEW, body));
            Cards.assertWellFormed(answer);
            assertThat(Cards.summaryCard(answer).path("summary").asText()).contains("metastatic breast cancer");
            assertThat(Cards.dataGapCard(answer).path("detail").asText())
                    .contains("'observations'").containsAnyOf("did not answer within the request budget",
                            "did not answer in time");
        }
    }

    @Test
    void aServerRecordOverTheResourceLimitIsReadInPartWithADataGapCard() {
        try (FakeFhirServer server = FakeFhirServer.serving("trial-matching/TrialMatching_Patient01.json")) {
            for (int i = 0; i < 30; i++) {
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("resourceType", "MedicationStatement");
                o.put("id", "extra" + i);
                o.put("status", "completed");
                o.putObject("medicationCodeableConcept").put("text", "paracetamol");
                o.putObject("subject").put("reference", "Patient/" + PATIENT_ID);
                server.add(o);
            }
            JsonNode answer = Http.ok(Http.post(PATIENT_VIEW, fallbackRequest(server)));
            Cards.assertWellFormed(answer);
            assertThat(Cards.dataGapCard(answer).path("detail").asText())
                    .contains("read in part").contains("mbc.limits.max-resources");
        }
    }
}
