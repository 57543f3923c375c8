package org.mbccds.record;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a JSON value (a prefetch entry, a FHIR server response, the draftOrders Bundle) into R4 resources.
 * Resources are mapped by HAPI straight from the Jackson tree the HTTP layer already built, so nothing is
 * tokenised twice. A Bundle is read entry by entry: one entry of an unknown type (a DSTU2 MedicationOrder) is
 * reported, not fatal.
 */
final class ResourceReader {

    /** What one JSON value held. */
    sealed interface Value permits NoData, Outcome, Resources {
    }

    /** JSON null, or a Bundle without entries. */
    record NoData() implements Value {
    }

    /** The client or server reported an error instead of data. */
    record Outcome(String summary) implements Value {
    }

    /**
     * Parsed resources, the next page when the Bundle is paged, and entries that could not be read. Entries with a
     * {@code urn:uuid:} fullUrl (Synthea and other transaction bundles) are also listed under it, because other
     * entries reference them that way.
     */
    record Resources(List<Resource> resources, Optional<String> nextPage, List<String> skipped,
                     java.util.Map<String, Resource> byFullUrl) implements Value {
    }

    private final FhirContext fhirContext;

    ResourceReader(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    Value read(String key, JsonNode value) {
        if (value == null || value.isNull()) {
            return new NoData();
        }
        if (!value.isObject()) {
            throw new NotFhirException(key, "expected a JSON object, got " + value.getNodeType().name().toLowerCase());
        }
        String type = value.path("resourceType").asText("");
        if (type.isEmpty()) {
            throw new NotFhirException(key, "no resourceType");
        }
        if (type.equals("OperationOutcome")) {
            return new Outcome(outcomeText(value));
        }
        // HAPI parsers are cheap but not free and not thread-safe: one per JSON value, never shared between calls.
        IJsonLikeParser parser = (IJsonLikeParser) fhirContext.newJsonParser();
        if (!type.equals("Bundle")) {
            return new Resources(List.of(parse(parser, key, value)), Optional.empty(), List.of(), java.util.Map.of());
        }
        JsonNode entries = value.path("entry");
        if (!entries.isMissingNode() && !entries.isArray()) {
            throw new NotFhirException(key, "Bundle.entry is not an array");
        }
        List<Resource> resources = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        java.util.Map<String, Resource> byFullUrl = new java.util.HashMap<>();
        for (JsonNode entry : entries) {
            JsonNode resource = entry.path("resource");
            if (!resource.isObject()) {
                continue;
            }
            String entryType = resource.path("resourceType").asText("");
            if (entryType.equals("OperationOutcome")) {
                // Epic marks "no results" this way (search.mode = outcome); it is not data.
                continue;
            }
            try {
                Resource parsed = parse(parser, key, resource);
                resources.add(parsed);
                String fullUrl = entry.path("fullUrl").asText("");
                if (fullUrl.startsWith("urn:uuid:")) {
                    byFullUrl.put(fullUrl, parsed);
                }
            } catch (NotFhirException e) {
                skipped.add(entryType.isEmpty() ? "an entry without resourceType" : entryType
                        + idSuffix(resource));
            }
        }
        if (resources.isEmpty() && skipped.isEmpty()) {
            return new NoData();
        }
        return new Resources(resources, nextLink(value), skipped, byFullUrl);
    }

    private static Resource parse(IJsonLikeParser parser, String key, JsonNode node) {
        try {
            ObjectNode object = (ObjectNode) node;
            // The narrative (text.div) is XHTML that HAPI parses with a new XML parser per resource; nothing here reads
            // it, so it is dropped from the request's own tree before parsing.
            if (object.path("text").isObject()) {
                object.remove("text");
            }
            JacksonStructure structure = new JacksonStructure();
            structure.setNativeObject(object);
            IBaseResource parsed = parser.parseResource(structure);
            if (!(parsed instanceof Resource r)) {
                throw new NotFhirException(key, "not an R4 resource");
            }
            return r;
        } catch (DataFormatException | ClassCastException | IllegalArgumentException | NullPointerException e) {
            // HAPI 8.8.1 answers some malformed JSON with runtime exceptions instead of DataFormatException: a null
            // element in an extension array is an NPE in JsonParser.parseExtension (found by MutationRobustnessTest).
            // Only the parser runs in this try, so these mean "this JSON is not an R4 resource", never our defect.
            throw new NotFhirException(key, "resourceType '" + node.path("resourceType").asText()
                    + "' could not be read as FHIR R4");
        }
    }

    private static String idSuffix(JsonNode resource) {
        String id = resource.path("id").asText("");
        return id.isEmpty() ? "" : "/" + id;
    }

    private static Optional<String> nextLink(JsonNode bundle) {
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText()) && link.path("url").isTextual()) {
                return Optional.of(link.path("url").asText());
            }
        }
        return Optional.empty();
    }

    private static String outcomeText(JsonNode outcome) {
        for (JsonNode issue : outcome.path("issue")) {
            String text = issue.path("details").path("text").asText(issue.path("diagnostics").asText(""));
            if (!text.isEmpty()) {
                return text.length() > 200 ? text.substring(0, 200) : text;
            }
        }
        return "the client reported an error (OperationOutcome)";
    }
}
