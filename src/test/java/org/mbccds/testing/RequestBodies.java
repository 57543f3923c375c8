package org.mbccds.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid CDS Hooks request bodies to start from (each test changes a copy). */
public final class RequestBodies {
    /** The prefetch keys every service declares, in discovery order. */
    public static final List<String> KEYS = List.of("patient", "conditions", "observations", "medStatements",
            "medRequests", "medAdministrations");
    /** The keys without which (and without a fhirServer) a call is a 412; medAdministrations is only a data gap. */
    public static final List<String> REQUIRED_KEYS = KEYS.subList(0, 5);

    private static final Map<String, String> SEARCH_KEY_TYPES = new LinkedHashMap<>();

    static {
        SEARCH_KEY_TYPES.put("conditions", "Condition");
        SEARCH_KEY_TYPES.put("observations", "Observation");
        SEARCH_KEY_TYPES.put("medStatements", "MedicationStatement");
        SEARCH_KEY_TYPES.put("medRequests", "MedicationRequest");
        SEARCH_KEY_TYPES.put("medAdministrations", "MedicationAdministration");
    }

    private RequestBodies() {
    }

    /** patient-view for patient p1; the client says it has no data for any key (JSON null), so no server is needed. */
    public static ObjectNode patientView() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("hook", "patient-view");
        body.put("hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
        ObjectNode context = body.putObject("context");
        context.put("userId", "Practitioner/example");
        context.put("patientId", "p1");
        ObjectNode prefetch = body.putObject("prefetch");
        KEYS.forEach(prefetch::putNull);
        return body;
    }

    /** order-select with one selected letrozole draft order (MedicationRequest/o1). */
    public static ObjectNode orderSelect() {
        ObjectNode body = patientView();
        body.put("hook", "order-select");
        ObjectNode context = (ObjectNode) body.get("context");
        context.putArray("selections").add("MedicationRequest/o1");
        context.set("draftOrders", draftOrders("p1", "72965", "letrozole"));
        return body;
    }

    /** order-sign with the same draft order (order-sign has no selections). */
    public static ObjectNode orderSign() {
        ObjectNode body = orderSelect();
        body.put("hook", "order-sign");
        ((ObjectNode) body.get("context")).remove("selections");
        return body;
    }

    /** A draftOrders Bundle with one draft MedicationRequest "o1" for an RxNorm drug. */
    public static ObjectNode draftOrders(String patientId, String rxnorm, String display) {
        ObjectNode order = Json.MAPPER.createObjectNode();
        order.put("resourceType", "MedicationRequest");
        order.put("id", "o1");
        order.put("status", "draft");
        order.put("intent", "order");
        order.putObject("subject").put("reference", "Patient/" + patientId);
        order.putObject("medicationCodeableConcept").putArray("coding").addObject()
                .put("system", "http://www.nlm.nih.gov/research/umls/rxnorm").put("code", rxnorm).put("display", display);
        ObjectNode bundle = Json.MAPPER.createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "collection");
        bundle.putArray("entry").addObject().set("resource", order);
        return bundle;
    }

    /**
     * patient-view for the patient of an example Bundle, every resource of it in the prefetch key of its type
     * (searchset Bundles; an empty one where the Bundle has none), no fhirServer.
     */
    public static ObjectNode patientViewWithPrefetchFrom(String exampleBundle) {
        List<ObjectNode> resources = Json.bundleResources(exampleBundle);
        ObjectNode patient = Json.ofType(resources, "Patient").get(0);
        ObjectNode body = patientView();
        ((ObjectNode) body.get("context")).put("patientId", patient.get("id").asText());
        ObjectNode prefetch = (ObjectNode) body.get("prefetch");
        prefetch.set("patient", patient);
        SEARCH_KEY_TYPES.forEach((key, type) -> prefetch.set(key, Json.searchset(Json.ofType(resources, type))));
        return body;
    }
}
