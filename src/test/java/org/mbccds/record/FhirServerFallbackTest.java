package org.mbccds.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mbccds.testing.Cards;
import org.mbccds.testing.FakeFhirServer;
import org.mbccds.testing.Http;
import org.mbccds.testing.Json;
import org.mbccds.testing.RequestBodies;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prefetch keys the client did not fill are read from its FHIR server (CDS Hooks 2.0 §1.4 P-7/P-9), against a real
 * HTTP server on loopback that serves the trial-matching patient 01. A slow, refusing, broken or absent server must
 * cost only its data: the answer still comes, in time, and says on a data-gap card what could not be read.
 *
 * <p>Runs with a tight budget (1 s per call, 500 ms per query) so the slow-server case is quick. The values are
 * tighter than production (2 s / 1.5 s) but leave the working-server cases a wide margin on a loaded 2-core machine.
 */
@QuarkusTest
@TestProfile(FhirServerFallbackTest.TightBudget.class)
class FhirServerFallbackTest {
    public static class TightBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mbc.hooks.request-budget", "1000ms", "mbc.fhir.query-timeout", "500ms");
        }
    }

    static final String BUNDLE = "trial-matching/TrialMatching_Patient01.json";
    static final String PATIENT_ID = "mCODETrialMatchingPatientExample01";
    static final String TOKEN = "opaque-token-7f3a9c";
    static final List<String> KEYS = RequestBodies.KEYS;
    static final List<String> SEARCHED_TYPES = List.of("Patient", "Condition", "Observation", "MedicationStatement",
            "MedicationRequest", "MedicationAdministration");

    private static boolean warm;
    private FakeFhirServer server;

    @BeforeEach
    void startServer() {
        warmUp();
        server = FakeFhirServer.serving(BUNDLE);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /**
     * First use of HAPI's parsers and the JDK HTTP client costs hundreds of milliseconds, which must not eat the
     * tight budget of whichever test happens to run first.
     */
    private void warmUp() {
        if (warm) {
            return;
        }
        try (FakeFhirServer scratch = FakeFhirServer.serving(BUNDLE)) {
            Http.post("mbc-patient-view", request(prefetchFrom(scratch, KEYS), null));
            Http.post("mbc-patient-view", request(Json.MAPPER.createObjectNode(), scratch.base()));
        }
        warm = true;
    }

    // ---- (a) every key from the server ----

    @Test
    void emptyPrefetchIsReadFromTheServerWithTheBearerTokenAndGivesTheSameCards() {
        JsonNode prefetched = Http.ok(Http.post("mbc-patient-view", request(prefetchFrom(server, KEYS), null)));
        assertEquals(Map.of(), server.requestCounts(), "building the prefetch must not count as requests");

        JsonNode fetched = Http.ok(Http.post("mbc-patient-view", request(Json.MAPPER.createObjectNode(), server.base())));
        Cards.assertWellFormed(fetched);

        for (String type : SEARCHED_TYPES) {
            assertEquals(1, server.requests(type), () -> type + " requests: " + server.requests());
        }
        assertEquals(6, server.requests().size(), server.requests()::toString);
        assertEquals(Collections.nCopies(6, "Bearer " + TOKEN), server.authorizations());

        assertFalse(Cards.hasDataGapCard(fetched), () -> "data-gap card: " + Cards.dataGapCard(fetched).path("detail"));
        assertTrue(Cards.summaryCard(fetched).path("summary").asText().contains("HR+/HER2-"));
        assertEquals(Cards.summaryCard(prefetched).path("summary"), Cards.summaryCard(fetched).path("summary"));
        assertEquals(Cards.summaryCard(prefetched).path("detail"), Cards.summaryCard(fetched).path("detail"));
        assertEquals(Cards.summaries(prefetched), Cards.summaries(fetched));
    }

    // ---- (b) to (e): the server fails; patient and conditions were prefetched, the rest is lost ----

    @Test
    void refusedTokenGivesADataGapCardNamingTheRefusal() {
        server.mode(FakeFhirServer.Mode.UNAUTHORIZED);
        JsonNode answer = Http.ok(Http.post("mbc-patient-view", request(prefetchFrom(server, "patient", "conditions"),
                server.base())));
        Cards.assertWellFormed(answer);
        String detail = assertDataGapFor(answer, "observations", "medStatements", "medRequests", "medAdministrations");
        assertTrue(detail.contains("refused access (HTTP 401)"), detail);
        assertEquals(Collections.nCopies(4, "Bearer " + TOKEN), server.authorizations());
        assertEquals(0, server.requests("Patient") + server.requests("Condition"), "prefetched keys were re-read");
    }

    @ParameterizedTest
    @EnumSource(value = FakeFhirServer.Mode.class, names = {"NOT_JSON", "NOT_FHIR_JSON", "UNKNOWN_RESOURCE_TYPE"})
    void garbageFromTheServerGivesADataGapCard(FakeFhirServer.Mode mode) {
        server.mode(mode);
        JsonNode answer = Http.ok(Http.post("mbc-patient-view", request(prefetchFrom(server, "patient", "conditions"),
                server.base())));
        Cards.assertWellFormed(answer);
        String detail = assertDataGapFor(answer, "observations", "medStatements", "medRequests", "medAdministrations");
        String expected = mode == FakeFhirServer.Mode.NOT_JSON ? "was not JSON" : "was not FHIR R4";
        assertTrue(detail.contains(expected), detail);
    }

    @Test
    void serverSlowerThanTheBudgetCostsItsDataNotTheAnswer() {
        server.mode(FakeFhirServer.Mode.HANG);
        long start = System.nanoTime();
        Response response = Http.post("mbc-patient-view", request(prefetchFrom(server, "patient", "conditions"),
                server.base()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        JsonNode answer = Http.ok(response);
        assertTrue(millis < 3000, "the answer took " + millis + " ms with a 1 s budget");
        Cards.assertWellFormed(answer);
        String detail = assertDataGapFor(answer, "observations", "medStatements", "medRequests", "medAdministrations");
        assertTrue(detail.contains("did not answer in time") || detail.contains("did not answer within the request budget"),
                detail);
    }

    @Test
    void serverThatIsDownGivesADataGapCard() {
        URI down = URI.create("http://127.0.0.1:" + Http.closedPort() + "/fhir");
        JsonNode answer = Http.ok(Http.post("mbc-patient-view", request(prefetchFrom(server, "patient", "conditions"), down)));
        Cards.assertWellFormed(answer);
        String detail = assertDataGapFor(answer, "observations", "medStatements", "medRequests", "medAdministrations");
        assertTrue(detail.contains("could not be reached"), detail);
    }

    /**
     * With nothing prefetched and nothing readable, the service cannot tell whether this patient has metastatic
     * breast cancer at all: §1.4 P-7's 412, naming the keys and why, rather than a 200 "nothing to advise".
     */
    @Test
    void nothingPrefetchedAndNothingReadableIs412() {
        server.mode(FakeFhirServer.Mode.UNAUTHORIZED);
        String diagnostics = Http.error(Http.post("mbc-patient-view", request(Json.MAPPER.createObjectNode(),
                server.base())), 412);
        for (String key : RequestBodies.REQUIRED_KEYS) {
            assertTrue(diagnostics.contains(key), () -> "412 does not name " + key + ": " + diagnostics);
        }
        assertTrue(diagnostics.contains("refused access (HTTP 401)"), diagnostics);
        assertFalse(diagnostics.contains(TOKEN), "the token is echoed");
    }

    // ---- (f) all missing keys are read at once ----

    @Test
    void missingKeysAreReadInParallel() {
        server.delay(200);
        long start = System.nanoTime();
        Response response = Http.post("mbc-patient-view", request(Json.MAPPER.createObjectNode(), server.base()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        JsonNode answer = Http.ok(response);
        assertEquals(6, server.requests().size(), server.requests()::toString);
        assertFalse(Cards.hasDataGapCard(answer), () -> "data-gap card: " + Cards.dataGapCard(answer).path("detail"));
        // One after another would be at least 6 x 200 ms = 1200 ms.
        assertTrue(millis < 1000, "6 queries of 200 ms took " + millis + " ms in all");
        assertTrue(server.maxConcurrentRequests() >= 3, "at most " + server.maxConcurrentRequests()
                + " queries ran at the same time");
    }

    // ---- (g) what the client said about a key decides whether it is re-read ----

    @Test
    void operationOutcomeIsReReadButNullIsNot() {
        ObjectNode prefetch = prefetchFrom(server, "patient", "medStatements");
        prefetch.set("conditions", Json.operationOutcome("Condition search timed out in the EHR"));
        prefetch.putNull("observations");
        prefetch.putNull("medRequests");
        prefetch.putNull("medAdministrations");
        JsonNode answer = Http.ok(Http.post("mbc-patient-view", request(prefetch, server.base())));

        assertEquals(Map.of("Condition", 1), server.requestCounts(), server.requests()::toString);
        Cards.assertWellFormed(answer);
        // The conditions read from the server are what make this a metastatic breast cancer patient.
        assertTrue(Cards.summaryCard(answer).path("summary").asText().contains("metastatic breast cancer"));
        assertFalse(Cards.hasDataGapCard(answer), () -> "data-gap card: " + Cards.dataGapCard(answer).path("detail"));
    }

    // ---- (h) a medicationReference to a Medication nobody sent ----

    @Test
    void referencedMedicationIsReadFromTheServerAndNamedInTheTreatmentHistory() {
        ObjectNode prefetch = prefetchFrom(server, KEYS);
        ObjectNode statement = Json.MAPPER.createObjectNode();
        statement.put("resourceType", "MedicationStatement");
        statement.put("id", "ms-eribulin");
        statement.put("status", "completed");
        statement.putObject("medicationReference").put("reference", "Medication/xyz");
        statement.putObject("subject").put("reference", "Patient/" + PATIENT_ID);
        statement.putObject("effectivePeriod").put("start", "2020-01-06").put("end", "2020-06-29");
        ((ObjectNode) prefetch.get("medStatements")).withArray("entry").addObject().set("resource", statement);

        // Control: the server does not have Medication/xyz, so the drug cannot be known.
        JsonNode without = Http.ok(Http.post("mbc-patient-view", request(prefetch, server.base())));
        assertEquals(List.of("Medication/xyz"), server.requests());
        assertFalse(treatmentHistory(without).contains("eribulin"), treatmentHistory(without));
        assertTrue(Cards.dataGapCard(without).path("detail").asText().contains("Medication/xyz"));

        ObjectNode medication = Json.MAPPER.createObjectNode();
        medication.put("resourceType", "Medication");
        medication.put("id", "xyz");
        medication.putObject("code").putArray("coding").addObject()
                .put("system", "http://www.nlm.nih.gov/research/umls/rxnorm").put("code", "1045453");
        server.add(medication);

        JsonNode with = Http.ok(Http.post("mbc-patient-view", request(prefetch, server.base())));
        assertEquals(List.of("Medication/xyz", "Medication/xyz"), server.requests());
        assertEquals("Bearer " + TOKEN, server.authorizations().get(1));
        Cards.assertWellFormed(with);
        assertFalse(Cards.hasDataGapCard(with), () -> "data-gap card: " + Cards.dataGapCard(with).path("detail"));
        assertTrue(treatmentHistory(with).contains("eribulin"), treatmentHistory(with));
    }

    // ---- the token goes only where the client sent us ----

    @Test
    void withoutFhirAuthorizationNoAuthorizationHeaderIsSent() {
        ObjectNode body = request(Json.MAPPER.createObjectNode(), server.base());
        body.remove("fhirAuthorization");
        JsonNode answer = Http.ok(Http.post("mbc-patient-view", body));
        assertFalse(Cards.hasDataGapCard(answer));
        assertEquals(Collections.nCopies(6, ""), server.authorizations());
    }

    @Test
    void nextPageLinkToAnotherHostIsNotFollowedWithTheToken() {
        try (FakeFhirServer elsewhere = FakeFhirServer.serving(BUNDLE)) {
            ObjectNode prefetch = prefetchFrom(server, KEYS);
            ObjectNode conditions = (ObjectNode) prefetch.get("conditions");
            conditions.putArray("link").addObject().put("relation", "next")
                    .put("url", elsewhere.base() + "/Condition?patient=" + PATIENT_ID + "&_page=2");
            JsonNode answer = Http.ok(Http.post("mbc-patient-view", request(prefetch, server.base())));
            assertEquals(List.of(), elsewhere.requests(), "the token was sent to a host that is not the fhirServer");
            assertEquals(List.of(), server.requests());
            assertTrue(Cards.dataGapCard(answer).path("detail").asText().contains("outside the FHIR server"));
        }
    }

    // ---- helpers ----

    /** The data-gap card must be a warning naming each lost key; returns its detail. */
    private static String assertDataGapFor(JsonNode answer, String... keys) {
        // The prefetched conditions still make this a metastatic patient: the answer keeps its summary.
        assertTrue(Cards.summaryCard(answer).path("summary").asText().contains("metastatic breast cancer"));
        JsonNode gap = Cards.dataGapCard(answer);
        assertEquals("warning", gap.path("indicator").asText());
        String detail = gap.path("detail").asText();
        for (String key : keys) {
            assertTrue(detail.contains("'" + key + "'"), () -> "the data-gap card does not name " + key + ": " + detail);
        }
        assertFalse(detail.contains("'conditions'") || detail.contains("'patient'"), detail);
        return detail;
    }

    private static String treatmentHistory(JsonNode answer) {
        String detail = Cards.summaryCard(answer).path("detail").asText();
        int start = detail.indexOf("#### Treatment history");
        assertTrue(start >= 0, detail);
        int end = detail.indexOf("\n####", start + 1);
        return detail.substring(start, end < 0 ? detail.length() : end).toLowerCase(Locale.ROOT);
    }

    /** The discovery templates of mbc-patient-view, as the EHR would read them. */
    private static Map<String, String> templates() {
        JsonNode discovery = Json.parse(given().get("/cds-services").asString());
        for (JsonNode service : discovery.path("services")) {
            if ("mbc-patient-view".equals(service.path("id").asText())) {
                Map<String, String> templates = new LinkedHashMap<>();
                service.path("prefetch").fields().forEachRemaining(e -> templates.put(e.getKey(), e.getValue().asText()));
                return templates;
            }
        }
        throw new AssertionError("no mbc-patient-view in " + discovery);
    }

    /** Prefetch for these keys exactly as the server answers the templates (spec §1.4 P-4). */
    private static ObjectNode prefetchFrom(FakeFhirServer server, List<String> keys) {
        Map<String, String> templates = templates();
        ObjectNode prefetch = Json.MAPPER.createObjectNode();
        for (String key : keys) {
            JsonNode value = server.answer(templates.get(key).replace("{{context.patientId}}", PATIENT_ID));
            assertTrue(value != null, key);
            prefetch.set(key, value);
        }
        return prefetch;
    }

    private static ObjectNode prefetchFrom(FakeFhirServer server, String... keys) {
        return prefetchFrom(server, List.of(keys));
    }

    /** A patient-view call for patient 01; with a fhirServer, fhirAuthorization lends it our token. */
    private static ObjectNode request(ObjectNode prefetch, URI fhirServer) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("hook", "patient-view");
        body.put("hookInstance", java.util.UUID.randomUUID().toString());
        if (fhirServer != null) {
            body.put("fhirServer", fhirServer.toString());
            ObjectNode auth = body.putObject("fhirAuthorization");
            auth.put("access_token", TOKEN);
            auth.put("token_type", "Bearer");
            auth.put("expires_in", 300);
            auth.put("scope", "patient/Patient.read patient/Condition.read patient/Observation.read"
                    + " patient/MedicationStatement.read patient/MedicationRequest.read patient/MedicationAdministration.read"
                    + " patient/Medication.read");
            auth.put("subject", "mbc-cds");
            auth.put("patient", PATIENT_ID);
        }
        body.putObject("context").put("userId", "Practitioner/COREPRACTITIONER1").put("patientId", PATIENT_ID);
        body.set("prefetch", prefetch);
        return body;
    }
}
