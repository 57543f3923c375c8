package org.mbccds.validation;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** What was posted: the resource to validate and, from a Parameters body, the profile asked for. */
record Input(ObjectNode resource, Optional<String> profile) {

    static Input of(JsonNode body, FhirContext ctx) {
        ObjectNode resource = resource(body, "The body");
        String type = resource.path("resourceType").asText();
        if (!"Parameters".equals(type)) {
            return new Input(known(resource, ctx), Optional.empty());
        }
        // FHIR $validate: Parameters with "resource" (and optional "profile", "mode").
        ObjectNode inner = null;
        Optional<String> profile = Optional.empty();
        for (JsonNode p : resource.path("parameter")) {
            String name = p.path("name").asText("");
            if ("resource".equals(name)) {
                inner = resource(p.path("resource"), "Parameters.parameter 'resource'");
            } else if ("profile".equals(name)) {
                for (String field : new String[]{"valueUri", "valueCanonical", "valueString"}) {
                    if (p.path(field).isTextual()) {
                        profile = Optional.of(p.path(field).asText());
                    }
                }
            }
        }
        if (inner == null) {
            throw new InvalidInputException("A Parameters body needs a parameter 'resource' holding the resource or"
                    + " Bundle to validate (or POST the resource itself)");
        }
        return new Input(known(inner, ctx), profile);
    }

    private static ObjectNode resource(JsonNode node, String what) {
        if (!(node instanceof ObjectNode o)) {
            throw new InvalidInputException(what + " is not a FHIR resource: expected a JSON object with a resourceType");
        }
        if (!o.path("resourceType").isTextual() || o.path("resourceType").asText().isBlank()) {
            throw new InvalidInputException(what + " is not a FHIR resource: it has no resourceType");
        }
        return o;
    }

    private static ObjectNode known(ObjectNode resource, FhirContext ctx) {
        String type = resource.path("resourceType").asText();
        if (!ctx.getResourceTypes().contains(type)) {
            throw new InvalidInputException("resourceType '" + (type.length() > 60 ? type.substring(0, 60) : type)
                    + "' is not a FHIR R4 resource type");
        }
        return resource;
    }
}
