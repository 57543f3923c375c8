package org.mbccds.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.mbccds.testing.Cards;
import org.mbccds.testing.Http;
import org.mbccds.testing.Json;
import org.mbccds.testing.RequestBodies;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.mbccds.testing.RequestBodies.orderSelect;
import static org.mbccds.testing.RequestBodies.orderSign;
import static org.mbccds.testing.RequestBodies.patientView;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests the service must refuse, each with the status CDS Hooks 2.0 names (§1.8: 412 for unobtainable required
 * data; 400/404 otherwise) and an OperationOutcome whose diagnostics say what to fix. None may be a 500.
 */
@QuarkusTest
class BadRequestTest {
    static final String PATIENT_VIEW = "mbc-patient-view";
    static final String ORDER_SELECT = "mbc-order-select";
    static final String ORDER_SIGN = "mbc-order-sign";

    /** One row of the table: what is wrong, where it is sent, the body, and what the diagnostics must name. */
    record Case(String name, String service, byte[] body, List<String> mustName) {
        @Override
        public String toString() {
            return name;
        }
    }

    static ObjectNode with(ObjectNode base, Consumer<ObjectNode> change) {
        ObjectNode copy = base.deepCopy();
        change.accept(copy);
        return copy;
    }

    static ObjectNode context(ObjectNode body) {
        return (ObjectNode) body.get("context");
    }

    static ObjectNode prefetch(ObjectNode body) {
        return (ObjectNode) body.get("prefetch");
    }

    static byte[] bytes(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Case bad(String name, String service, ObjectNode body, String... mustName) {
        return new Case(name, service, bytes(body), List.of(mustName));
    }

    static Case bad(String name, String service, String body, String... mustName) {
        return new Case(name, service, bytes(body), List.of(mustName));
    }

    static Stream<Case> badRequests() {
        String valid = new String(bytes(patientView()), StandardCharsets.UTF_8);
        return Stream.of(
                // The body itself
                bad("malformed JSON", PATIENT_VIEW, "{\"hook\": \"patient-view\", \"hookInstance\": ", "not valid JSON"),
                bad("valid request followed by more text", PATIENT_VIEW, valid + " {\"hook\": 1}", "not valid JSON"),
                bad("JSON nested deeper than any CDS Hooks request", PATIENT_VIEW, "[".repeat(5000) + "]".repeat(5000),
                        "deeper than 200 levels (mbc.limits.max-nesting-depth)"),
                bad("empty body", PATIENT_VIEW, "", "empty"),
                bad("JSON array", PATIENT_VIEW, "[" + valid + "]", "JSON object"),
                bad("JSON string", PATIENT_VIEW, "\"patient-view\"", "JSON object"),
                bad("JSON null", PATIENT_VIEW, "null", "JSON object"),
                // Protocol fields (§1.3)
                bad("missing hook", PATIENT_VIEW, with(patientView(), b -> b.remove("hook")), "'hook'"),
                bad("hook is not a string", PATIENT_VIEW, with(patientView(), b -> b.put("hook", 1)), "'hook'"),
                bad("missing hookInstance", PATIENT_VIEW, with(patientView(), b -> b.remove("hookInstance")), "'hookInstance'"),
                bad("blank hookInstance", PATIENT_VIEW, with(patientView(), b -> b.put("hookInstance", " ")), "'hookInstance'"),
                bad("missing context", PATIENT_VIEW, with(patientView(), b -> b.remove("context")), "'context'"),
                bad("context is not an object", PATIENT_VIEW, with(patientView(), b -> b.put("context", "p1")), "'context'"),
                bad("context without patientId", PATIENT_VIEW, with(patientView(), b -> context(b).remove("patientId")),
                        "'context.patientId'"),
                bad("patientId that is not a FHIR id", PATIENT_VIEW,
                        with(patientView(), b -> context(b).put("patientId", "../Patient/p1")), "'context.patientId'"),
                bad("patient-view request sent to the order-select service", ORDER_SELECT, patientView(),
                        "'order-select'", "'patient-view'"),
                bad("order-select request sent to the order-sign service", ORDER_SIGN, orderSelect(),
                        "'order-sign'", "'order-select'"),
                bad("order-select without selections", ORDER_SELECT, with(orderSelect(), b -> context(b).remove("selections")),
                        "'context.selections'"),
                bad("order-select with a selection that is not a reference", ORDER_SELECT,
                        with(orderSelect(), b -> context(b).putArray("selections").add(1)), "'context.selections'"),
                bad("order-select without draftOrders", ORDER_SELECT,
                        with(orderSelect(), b -> context(b).remove("draftOrders")), "'context.draftOrders'"),
                bad("order-sign without draftOrders", ORDER_SIGN, with(orderSign(), b -> context(b).remove("draftOrders")),
                        "'context.draftOrders'"),
                bad("draftOrders that is a MedicationRequest, not a Bundle", ORDER_SIGN,
                        with(orderSign(), b -> context(b).set("draftOrders", RequestBodies.draftOrders("p1", "72965", "letrozole").at("/entry/0/resource"))),
                        "context.draftOrders"),
                bad("fhirServer that is not an http(s) URL", PATIENT_VIEW,
                        with(patientView(), b -> b.put("fhirServer", "ftp://ehr.example.org/fhir")), "'fhirServer'"),
                bad("fhirAuthorization without fhirServer", PATIENT_VIEW,
                        with(patientView(), b -> b.putObject("fhirAuthorization").put("access_token", "t").put("token_type",
                                "Bearer").put("expires_in", 300).put("scope", "patient/*.read").put("subject", "mbc-cds")),
                        "'fhirAuthorization'", "'fhirServer'"),
                bad("fhirAuthorization without access_token", PATIENT_VIEW,
                        with(patientView(), b -> {
                            b.put("fhirServer", "https://ehr.example.org/fhir");
                            b.putObject("fhirAuthorization").put("token_type", "Bearer");
                        }), "'fhirAuthorization.access_token'"),
                // It becomes an Authorization header: a line break there was a 500 from the HTTP client.
                bad("access_token with a line break", PATIENT_VIEW,
                        with(patientView(), b -> {
                            b.put("fhirServer", "https://ehr.example.org/fhir");
                            b.putObject("fhirAuthorization").put("access_token", "abc\r\nX-Injected: 1").put("token_type", "Bearer");
                            prefetch(b).remove("observations");
                        }), "'fhirAuthorization.access_token'", "printable ASCII"),
                // Prefetch values that are not FHIR (§1.4 P-5: a resource, a searchset Bundle or null)
                bad("prefetch that is not an object", PATIENT_VIEW, with(patientView(), b -> b.putArray("prefetch")), "'prefetch'"),
                bad("prefetch value that is a string", PATIENT_VIEW,
                        with(patientView(), b -> prefetch(b).put("conditions", "Condition?patient=p1")), "'conditions'"),
                bad("prefetch value that is a number", PATIENT_VIEW,
                        with(patientView(), b -> prefetch(b).put("medRequests", 0)), "'medRequests'"),
                bad("prefetch value without resourceType", PATIENT_VIEW,
                        with(patientView(), b -> prefetch(b).putObject("observations").put("id", "o1")), "'observations'"),
                bad("prefetch value with resourceType Foo", PATIENT_VIEW,
                        with(patientView(), b -> prefetch(b).putObject("patient").put("resourceType", "Foo").put("id", "p1")),
                        "'patient'"),
                bad("prefetch Bundle whose entry is not an array", ORDER_SELECT,
                        with(orderSelect(), b -> prefetch(b).putObject("medStatements").put("resourceType", "Bundle")
                                .putObject("entry")), "'medStatements'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedWith400NamingTheProblem(Case c) {
        Response response = given().contentType(ContentType.JSON).body(c.body()).when().post("/cds-services/" + c.service());
        String diagnostics = Http.error(response, 400);
        for (String part : c.mustName()) {
            assertTrue(diagnostics.contains(part), () -> "diagnostics do not name " + part + ": " + diagnostics);
        }
    }

    /** Control for the table: each base request is valid, so every 400 above is caused by the row's change. */
    @Test
    void theUnchangedBaseRequestsAreAccepted() {
        for (Map.Entry<String, ObjectNode> base : Map.of(PATIENT_VIEW, patientView(), ORDER_SELECT, orderSelect(),
                ORDER_SIGN, orderSign()).entrySet()) {
            JsonNode answer = Http.ok(Http.post(base.getKey(), base.getValue()));
            Cards.assertWellFormed(answer);
        }
    }

    @Test
    void unknownServiceIs404NamingTheId() {
        String diagnostics = Http.error(Http.post("mbc-breast-view", patientView()), 404);
        assertTrue(diagnostics.contains("'mbc-breast-view'"), diagnostics);
    }

    @Test
    void aRequestWithoutBodyIsRefusedNotCrashed() {
        Http.error(given().when().post("/cds-services/" + PATIENT_VIEW), 400);
    }

    /** §1.4 P-7: required keys missing and no fhirServer to read them from is 412, naming the keys. */
    @ParameterizedTest
    @ValueSource(strings = {PATIENT_VIEW, ORDER_SELECT, ORDER_SIGN})
    void noPrefetchAndNoFhirServerIs412NamingTheMissingKeys(String service) {
        ObjectNode body = Map.of(PATIENT_VIEW, patientView(), ORDER_SELECT, orderSelect(), ORDER_SIGN, orderSign()).get(service);
        body.remove("prefetch");
        String diagnostics = Http.error(Http.post(service, body), 412);
        for (String key : RequestBodies.REQUIRED_KEYS) {
            assertTrue(diagnostics.contains(key), () -> "412 does not name " + key + ": " + diagnostics);
        }
    }

    @Test
    void partialPrefetchWithoutFhirServerIs412NamingOnlyTheKeysNotSent() {
        ObjectNode body = with(patientView(), b -> {
            prefetch(b).remove("observations");
            prefetch(b).remove("medRequests");
        });
        String diagnostics = Http.error(Http.post(PATIENT_VIEW, body), 412);
        assertTrue(diagnostics.contains("observations") && diagnostics.contains("medRequests"), diagnostics);
        for (String sent : List.of("patient", "conditions", "medStatements")) {
            assertFalse(diagnostics.contains(sent), () -> "412 names " + sent + ", which was sent: " + diagnostics);
        }
    }

    /** medAdministrations is optional data (a gap on the cards, not a 412): its absence alone is accepted. */
    @Test
    void missingOptionalKeyWithoutFhirServerIsAccepted() {
        ObjectNode body = with(patientView(), b -> prefetch(b).remove("medAdministrations"));
        assertEquals(List.of(), Cards.summaries(Http.ok(Http.post(PATIENT_VIEW, body))));
    }
}
