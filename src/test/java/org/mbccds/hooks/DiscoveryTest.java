package org.mbccds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mbccds.testing.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /cds-services: the discovery document (CDS Hooks 2.0 §1.2, §1.4 P-1/P-2, §1.1 J-2). */
@QuarkusTest
class DiscoveryTest {
    private static final List<String> PREFETCH_KEYS = List.of("patient", "conditions", "observations", "medStatements",
            "medRequests", "medAdministrations");

    private static JsonNode discovery() {
        Response response = given().accept("application/json").when().get("/cds-services");
        assertEquals(200, response.statusCode(), response::asString);
        assertTrue(response.contentType().startsWith("application/json"), response::contentType);
        return Json.parse(response.asString());
    }

    @Test
    void listsExactlyTheThreeServicesWithTheirHooks() {
        Map<String, String> hookById = new LinkedHashMap<>();
        for (JsonNode service : discovery().path("services")) {
            String previous = hookById.put(service.path("id").asText(), service.path("hook").asText());
            assertEquals(null, previous, "duplicate service id " + service.path("id"));
        }
        assertEquals(Map.of("mbc-patient-view", "patient-view", "mbc-order-select", "order-select",
                "mbc-order-sign", "order-sign"), hookById);
    }

    @Test
    void everyServiceHasTitleDescriptionAndTheSamePatientScopedPrefetch() {
        JsonNode services = discovery().path("services");
        assertEquals(3, services.size());
        for (JsonNode service : services) {
            String id = service.path("id").asText();
            assertFalse(service.path("title").asText("").isBlank(), id + " has no title");
            assertFalse(service.path("description").asText("").isBlank(), id + " has no description");
            JsonNode prefetch = service.path("prefetch");
            List<String> keys = new ArrayList<>();
            prefetch.fieldNames().forEachRemaining(keys::add);
            assertEquals(PREFETCH_KEYS, keys, id + " prefetch keys");
            for (String key : PREFETCH_KEYS) {
                String template = prefetch.path(key).asText("");
                assertTrue(template.contains("{{context.patientId}}"), id + "." + key + " is not patient-scoped: " + template);
                // §1.4 P-2: the only tokens are context.patientId (a prefetch token of all three hooks).
                assertEquals(occurrences(template, "{{"), occurrences(template, "{{context.patientId}}"),
                        id + "." + key + " uses another token: " + template);
                // A relative FHIR read or search, never an absolute URL.
                assertFalse(template.startsWith("http") || template.startsWith("/"), id + "." + key + ": " + template);
            }
        }
    }

    @Test
    void hasNoNullOrEmptyValues() {
        JsonNode document = discovery();
        assertEquals(List.of(), Json.nullOrEmptyValues(document));
        assertEquals(List.of("services"), fieldNames(document), "top-level fields");
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
