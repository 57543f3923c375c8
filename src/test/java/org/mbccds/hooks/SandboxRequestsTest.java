package org.mbccds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mbccds.testing.Cards;
import org.mbccds.testing.Http;
import org.mbccds.testing.Json;
import org.mbccds.testing.RequestBodies;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real request bodies: what the CDS Hooks sandbox sent (posted as captured), and the specification's own examples.
 * None may give a 5xx; each gets the status the spec calls for.
 */
@QuarkusTest
class SandboxRequestsTest {
    private static final String SANDBOX = "requests/sandbox/";
    private static final String PATIENT_VIEW = SANDBOX + "01-cds-services_mbc-patient-view.request.json";
    private static final String ORDER_SELECT_NO_DRUG = SANDBOX + "02-cds-services_mbc-order-select.request.json";
    private static final String ORDER_SELECT_LETROZOLE = SANDBOX + "03-cds-services_mbc-order-select.request.json";

    /**
     * The capture as it was sent. Its fhirServer (http://127.0.0.1:8081, the sandbox's local FHIR server) is not
     * running during tests, which is what makes the data-gap card appear. Should something listen there on this
     * machine, the server is swapped for a loopback port known to be closed, so the test means the same thing.
     */
    private static String capture(String path) {
        URI captured = URI.create(Json.example(path).path("fhirServer").asText());
        assertEquals("http://127.0.0.1:8081", captured.toString(), "the capture changed");
        if (!Http.listening(captured.getHost(), captured.getPort())) {
            return Json.exampleText(path);
        }
        ObjectNode body = Json.example(path);
        body.put("fhirServer", "http://127.0.0.1:" + Http.closedPort());
        return body.toString();
    }

    @Test
    void patientViewCaptureGivesAnHrPositiveHer2NegativeSummaryAndADataGapCard() {
        JsonNode answer = Http.ok(Http.post("mbc-patient-view", capture(PATIENT_VIEW)));
        Cards.assertWellFormed(answer);
        // ... including the suggestion rules, which only mean something if some card has suggestions.
        assertTrue(Cards.of(answer).stream().anyMatch(c -> c.has("suggestions")), "no card with suggestions: "
                + Cards.summaries(answer));

        JsonNode summary = Cards.of(answer).get(0);
        assertEquals(Cards.SUMMARY, Cards.topic(summary), "the summary card comes first: " + Cards.summaries(answer));
        assertTrue(summary.path("summary").asText().contains("HR+/HER2-"), summary.path("summary").asText());
        assertEquals("info", summary.path("indicator").asText());

        // The sandbox prefetched patient, conditions, medStatements (and an extra 'receptors' key); the other keys
        // had to be read from its FHIR server, which is down.
        JsonNode gap = Cards.dataGapCard(answer);
        assertEquals("warning", gap.path("indicator").asText());
        String detail = gap.path("detail").asText();
        for (String key : List.of("'observations'", "'medRequests'", "'medAdministrations'")) {
            assertTrue(detail.contains(key), () -> "the data-gap card does not name " + key + ": " + detail);
        }
        for (String sent : List.of("'conditions'", "'medStatements'", "'patient'")) {
            assertFalse(detail.contains(sent), () -> "the data-gap card names " + sent + ", which was prefetched: " + detail);
        }
        assertTrue(saysUnreachable(detail), detail);
    }

    /**
     * Why a closed port's data is missing: normally "could not be reached"; on a cold, overloaded machine the request
     * budget may run out first. Either way the reason is given.
     */
    private static boolean saysUnreachable(String text) {
        return text.contains("could not be reached") || text.contains("request budget") || text.contains("in time");
    }

    @Test
    void patientViewCaptureUsesTheUndeclaredReceptorsKey() {
        // The capture's ER/PR/HER2 results are only in a key this service does not declare ('receptors'); the
        // subtype in the summary proves they were read rather than dropped.
        JsonNode summary = Cards.summaryCard(Http.ok(Http.post("mbc-patient-view", capture(PATIENT_VIEW))));
        assertTrue(summary.path("detail").asText().contains("Observation/mCODETrialMatchingTumorMarkerPatientExample01"),
                "ER result not cited");
    }

    @Test
    void orderSelectWithoutAMedicationGivesNoOrderFindings() {
        JsonNode answer = Http.ok(Http.post("mbc-order-select", capture(ORDER_SELECT_NO_DRUG)));
        Cards.assertWellFormed(answer);
        for (JsonNode card : Cards.of(answer)) {
            assertEquals(Cards.DATA_GAP, Cards.topic(card), "an order finding for a draft order without a medication: "
                    + card.path("summary").asText());
        }
    }

    @Test
    void letrozoleForAPostmenopausalHrPositivePatientRaisesNoWarning() {
        JsonNode answer = Http.ok(Http.post("mbc-order-select", capture(ORDER_SELECT_LETROZOLE)));
        Cards.assertWellFormed(answer);
        for (JsonNode card : Cards.of(answer)) {
            if (!Cards.topic(card).equals(Cards.DATA_GAP)) {
                assertEquals("info", card.path("indicator").asText(), "a warning on letrozole for a 67-year-old HR+ patient: "
                        + card.path("summary").asText());
            }
        }
    }

    /**
     * Control for the test above: the same capture for a 40-year-old (no menopause recorded, so premenopausal by
     * therapy-rules §A3) gets the critical "aromatase inhibitor without ovarian function suppression" card. This
     * proves the letrozole order was recognised, so the silence above is a judgement, not a blind spot.
     */
    @Test
    void letrozoleForAYoungerPatientIsFlagged() {
        ObjectNode body = Json.example(ORDER_SELECT_LETROZOLE);
        body.put("fhirServer", "http://127.0.0.1:" + Http.closedPort());
        int year = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear() - 40;
        ((ObjectNode) body.path("prefetch").path("patient")).put("birthDate", year + "-01-01");
        JsonNode answer = Http.ok(Http.post("mbc-order-select", body));
        Cards.assertWellFormed(answer);
        JsonNode finding = Cards.of(answer).stream().filter(c -> "critical".equals(c.path("indicator").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no critical card: " + Cards.summaries(answer)));
        assertTrue(finding.path("summary").asText().toLowerCase(Locale.ROOT).contains("letrozole"),
                finding.path("summary").asText());
        assertTrue(finding.toString().contains("MedicationRequest/request-123"), "the card does not act on the order");
    }

    // ---- The specification's example requests (src/test/resources/examples/requests/) ----

    /**
     * The spec's patient-view example names http://hooks.smarthealthit.org:9080 as its FHIR server; tests never
     * depend on the internet, so it is pointed at a closed loopback port (an unreachable server either way). Its only
     * prefetch ('patientToGreet') is not one of our keys, so every key must be read from that server and none can be.
     * §1.4 P-7: "If the CDS Service is unable to access the FHIR server and required keys are missing, it SHALL
     * respond with 412". Answering 200 with no cards would tell the clinician "nothing to advise" about a record the
     * service never saw.
     */
    @Test
    void specPatientViewExampleWithUnreachableFhirServerIs412() {
        ObjectNode body = Json.example("requests/cds-hooks-spec_patient-view_request.json");
        body.put("fhirServer", "http://127.0.0.1:" + Http.closedPort());
        String diagnostics = Http.error(Http.post("mbc-patient-view", body), 412);
        for (String key : RequestBodies.REQUIRED_KEYS) {
            assertTrue(diagnostics.contains(key), () -> "412 does not name " + key + ": " + diagnostics);
        }
        assertTrue(saysUnreachable(diagnostics), diagnostics);
    }

    /**
     * The radiology order-select example (fhirServer pointed at a closed port, as above): its only draft order is a
     * ServiceRequest, which this medication-order service has nothing to say about whatever the record holds. The
     * record is not needed to answer, so this is not P-7's 412: 200 with {"cards": []}, and no data-gap card,
     * because no advice was weakened by the missing data.
     */
    @Test
    void specRadiologyOrderSelectExampleIs200WithNoCards() {
        ObjectNode body = Json.example("requests/cds-hooks-docs-examples_order-select_radiology_request.json");
        body.put("fhirServer", "http://127.0.0.1:" + Http.closedPort());
        JsonNode answer = Http.ok(Http.post("mbc-order-select", body));
        assertEquals(Json.parse("{\"cards\":[]}"), answer);
    }

    /**
     * The R4 and STU3 order-select examples are a "context" only (no hook, no hookInstance): as a request body that is
     * malformed, so 400 naming 'hook'.
     */
    @ParameterizedTest
    @ValueSource(strings = {"requests/cds-hooks-docs_order-select_R4_context.json",
            "requests/cds-hooks-docs_order-select_STU3_context.json"})
    void specContextOnlyExamplesAre400(String path) {
        String diagnostics = Http.error(Http.post("mbc-order-select", Json.exampleText(path)), 400);
        assertTrue(diagnostics.contains("'hook'"), diagnostics);
    }

    /**
     * The same contexts in a complete order-select request without prefetch or fhirServer: P-7's 412 naming the keys.
     */
    @ParameterizedTest
    @ValueSource(strings = {"requests/cds-hooks-docs_order-select_R4_context.json",
            "requests/cds-hooks-docs_order-select_STU3_context.json"})
    void specContextsWithoutDataAre412(String path) {
        String diagnostics = Http.error(Http.post("mbc-order-select", orderSelect(path)), 412);
        assertTrue(diagnostics.contains("conditions") && diagnostics.contains("medStatements"), diagnostics);
    }

    /**
     * The same contexts with prefetch saying "no data" for every key (JSON null): the selected amoxicillin order is
     * not an anticancer drug and the patient has no breast cancer on record, so 200 with no cards. The STU3 dosage
     * (doseQuantity directly on the dosage) is read leniently, not refused.
     */
    @ParameterizedTest
    @ValueSource(strings = {"requests/cds-hooks-docs_order-select_R4_context.json",
            "requests/cds-hooks-docs_order-select_STU3_context.json"})
    void specContextsWithNoDataAre200WithoutCards(String path) {
        ObjectNode body = orderSelect(path);
        ObjectNode prefetch = body.putObject("prefetch");
        RequestBodies.KEYS.forEach(prefetch::putNull);
        JsonNode answer = Http.ok(Http.post("mbc-order-select", body));
        assertEquals(Json.parse("{\"cards\":[]}"), answer);
    }

    private static ObjectNode orderSelect(String contextPath) {
        ObjectNode body = Json.example(contextPath);
        body.put("hook", "order-select");
        body.put("hookInstance", "8b0b8a5e-7b7c-4a4e-9a39-1f7c3f0c2d11");
        assertNotEquals(null, body.get("context"));
        return body;
    }
}
