package org.mbccds.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** JSON for HTTP tests: the shared examples as trees, searchset Bundles, and the CDS Hooks "no empty values" walk. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final Path EXAMPLES = Path.of("src/test/resources/examples");

    private Json() {
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** A file under src/test/resources/examples as text, exactly as stored. */
    public static String exampleText(String relative) {
        try {
            return Files.readString(EXAMPLES.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file under src/test/resources/examples as a mutable tree (a fresh copy on every call). */
    public static ObjectNode example(String relative) {
        return (ObjectNode) parse(exampleText(relative));
    }

    /** The resources of an example Bundle (transaction, collection or searchset), in order. */
    public static List<ObjectNode> bundleResources(String relative) {
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : example(relative).path("entry")) {
            if (entry.path("resource").isObject()) {
                resources.add((ObjectNode) entry.get("resource"));
            }
        }
        return resources;
    }

    public static List<ObjectNode> ofType(List<ObjectNode> resources, String type) {
        return resources.stream().filter(r -> type.equals(r.path("resourceType").asText())).toList();
    }

    /** A searchset Bundle holding these resources (zero entries is the spec's "no data" for a search). */
    public static ObjectNode searchset(List<? extends JsonNode> resources) {
        ObjectNode bundle = MAPPER.createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "searchset");
        bundle.put("total", resources.size());
        if (!resources.isEmpty()) {
            ArrayNode entries = bundle.putArray("entry");
            for (JsonNode r : resources) {
                ObjectNode entry = entries.addObject();
                entry.put("fullUrl", "https://ehr.example.org/fhir/" + r.path("resourceType").asText() + "/" + r.path("id").asText());
                entry.set("resource", r.deepCopy());
                entry.putObject("search").put("mode", "match");
            }
        }
        return bundle;
    }

    public static ObjectNode operationOutcome(String diagnostics) {
        ObjectNode outcome = MAPPER.createObjectNode();
        outcome.put("resourceType", "OperationOutcome");
        ObjectNode issue = outcome.putArray("issue").addObject();
        issue.put("severity", "error");
        issue.put("code", "processing");
        issue.put("diagnostics", diagnostics);
        return outcome;
    }

    /**
     * Paths of every null or empty value ("", [], {}) in a CDS Hooks document (spec §1.1 J-2). The one sanctioned
     * empty value, a top-level "cards": [], is allowed.
     */
    public static List<String> nullOrEmptyValues(JsonNode document) {
        List<String> problems = new ArrayList<>();
        walk(document, "$", problems, true);
        return problems;
    }

    private static void walk(JsonNode node, String path, List<String> problems, boolean top) {
        if (node.isNull()) {
            problems.add(path + " is null");
        } else if (node.isTextual() && node.asText().isEmpty()) {
            problems.add(path + " is \"\"");
        } else if (node.isContainerNode() && node.isEmpty() && !(top && path.equals("$.cards"))) {
            problems.add(path + " is empty");
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), path + "." + e.getKey(), problems, path.equals("$"));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", problems, false);
            }
        }
    }
}
