package org.mbccds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mbccds.testing.Cards;
import org.mbccds.testing.Http;
import org.mbccds.testing.Json;
import org.mbccds.testing.RequestBodies;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shape of a 200 answer (CDS Hooks 2.0 §1.5 R-1, §1.1 J-2): "no guidance" and cards with FHIR resources. */
@QuarkusTest
class ResponseShapeTest {
    /** Jenny M (mCODE STU4 example): stage IIB breast cancer, not metastatic. Nothing to say: exactly {"cards": []}. */
    @Test
    void patientWithoutMetastaticBreastCancerGetsExactlyAnEmptyCardsArray() {
        ObjectNode body = RequestBodies.patientViewWithPrefetchFrom("mcode/Bundle-mcode-patient-bundle-jenny-m.json");
        assertTrue(body.at("/prefetch/conditions/entry").size() > 0 && body.at("/prefetch/observations/entry").size() > 0,
                "Jenny's record did not reach the prefetch");
        Response response = Http.post("mbc-patient-view", body);
        assertEquals(200, response.statusCode(), response::asString);
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        assertEquals(Json.parse("{\"cards\":[]}"), Json.parse(response.asString()), response.asString());
    }

    /** Order hooks say "no guidance" the same way: order-sign of a non-cancer drug for Jenny. */
    @Test
    void orderHookWithoutFindingsGetsExactlyAnEmptyCardsArray() {
        ObjectNode body = RequestBodies.patientViewWithPrefetchFrom("mcode/Bundle-mcode-patient-bundle-jenny-m.json");
        body.put("hook", "order-sign");
        ((ObjectNode) body.get("context")).set("draftOrders",
                RequestBodies.draftOrders(body.at("/context/patientId").asText(), "723", "amoxicillin"));
        assertEquals(Json.parse("{\"cards\":[]}"), Http.ok(Http.post("mbc-order-sign", body)));
    }

    /**
     * A metastatic patient with every key prefetched: well-formed cards, no data-gap card, and suggestions whose
     * create actions carry real FHIR R4 JSON (as HAPI writes it), a draft MedicationRequest for this patient.
     */
    @Test
    void suggestionsCarryDraftMedicationRequestsAsFhirJson() {
        ObjectNode body = RequestBodies.patientViewWithPrefetchFrom("trial-matching/TrialMatching_Patient01.json");
        JsonNode answer = Http.ok(Http.post("mbc-patient-view", body));
        Cards.assertWellFormed(answer);
        assertFalse(Cards.hasDataGapCard(answer), "every key was prefetched: " + Cards.summaries(answer));
        List<JsonNode> actions = Cards.of(answer).stream().flatMap(c -> stream(c.path("suggestions")))
                .flatMap(s -> stream(s.path("actions"))).toList();
        assertFalse(actions.isEmpty(), "no suggestion actions in " + Cards.summaries(answer));
        for (JsonNode action : actions) {
            assertFalse(action.path("description").asText("").isBlank(), "action without description: " + action);
            assertEquals("create", action.path("type").asText(), action.toString());
            JsonNode resource = action.path("resource");
            assertEquals("MedicationRequest", resource.path("resourceType").asText(), resource.toString());
            assertEquals("draft", resource.path("status").asText(), resource.toString());
            assertEquals("Patient/mCODETrialMatchingPatientExample01", resource.at("/subject/reference").asText(),
                    resource.toString());
            assertEquals("http://www.nlm.nih.gov/research/umls/rxnorm",
                    resource.at("/medicationCodeableConcept/coding/0/system").asText(), resource.toString());
        }
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
