package org.mbccds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Seeded mutations of a CDS Hooks request. Mutation {@code i} of a run with seed {@code s} depends only on (s, i) and
 * the seed request, so one failing mutation is rebuilt alone from the numbers a failure prints.
 */
final class Mutator {
    /** Every kind of damage issue 5 names; mutation i is of kind i % values().length, so all are always present. */
    enum Category {
        DROP_FIELD, DUPLICATE_FIELD, WRONG_TYPE, NULL_VALUE, EMPTY_VALUE, HUGE_STRING, HUGE_ARRAY, DEEP_NESTING,
        INVALID_DATE, UNKNOWN_RESOURCE_TYPE, DANGLING_REFERENCE, REFERENCE_CYCLE, INVALID_UTF8, NUMBER_OUT_OF_RANGE,
        WRONG_PREFETCH_TYPE
    }

    /** One mutated request: the bytes to send and what was done, for the failure message. */
    record Mutant(long seed, int index, Category category, String seedName, String service, byte[] body,
                  String description) {
        boolean needsRawHttp() {
            return category == Category.INVALID_UTF8;
        }

        @Override
        public String toString() {
            return "mutation " + index + " (seed " + seed + ", " + category + " of " + seedName + " to " + service + "): "
                    + description;
        }
    }

    /** A request to start from, with the service it is sent to. */
    record SeedRequest(String name, String service, ObjectNode body) {
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String DUP_MARKER = "zz-duplicate-key-zz";
    private static final String UTF8_MARKER = "zz-invalid-utf8-zz";
    /** Keeps huge bodies under the 10 MB limit unless a mutation means to cross it. */
    private static final int HUGE_BUDGET_BYTES = 2_000_000;
    private static final String[] BAD_DATES = {"2020-13-45", "2020-02-30", "0000-00-00", "99999-01-01", "2020-1-1",
            "2020-01-01T25:61:00Z", "2020-01-01T00:00:00+25:00", "yesterday", "", " ", "-2020-01-01", "2020-01-01T",
            "1e10", "2020-01-01T00:00:00.99999999999Z", "２０２０-01-01", "2020-00", "T12:00:00"};
    private static final String[] BAD_TYPES = {"Foo", "MedicationOrder", "patient", "", "Bundle", "OperationOutcome",
            "Medication", "DomainResource", "Resource", "Observation ", "\u0000", "Patient/1", "Binary", "Parameters"};
    private static final String[] PREFETCH_KEYS = {"patient", "conditions", "observations", "medStatements",
            "medRequests", "medAdministrations"};

    private final ObjectMapper mapper;
    private final long seed;

    Mutator(ObjectMapper mapper, long seed) {
        this.mapper = mapper;
        this.seed = seed;
    }

    Mutant mutate(int index, List<SeedRequest> seeds) {
        Random rnd = new Random(seed * 1_000_003L + index);
        Category category = Category.values()[index % Category.values().length];
        SeedRequest start = seeds.get(rnd.nextInt(seeds.size()));
        ObjectNode body = start.body().deepCopy();
        try {
            StringBuilder what = new StringBuilder();
            byte[] bytes = apply(category, body, rnd, what);
            return new Mutant(seed, index, category, start.name(), start.service(), bytes, what.toString());
        } catch (Exception e) {
            throw new IllegalStateException("building mutation " + index + " (seed " + seed + ", " + category + ")", e);
        }
    }

    private byte[] apply(Category category, ObjectNode body, Random rnd, StringBuilder what) throws Exception {
        switch (category) {
            case DROP_FIELD: {
                Slot s = slot(body, rnd, n -> true);
                what.append("dropped ").append(s.path);
                s.remove();
                return json(body);
            }
            case DUPLICATE_FIELD: {
                Slot arraySlot = rnd.nextBoolean() ? slot(body, rnd, n -> n.isArray() && n.size() > 0) : null;
                if (arraySlot != null && arraySlot.value() instanceof ArrayNode array && array.size() > 0) {
                    Slot s = arraySlot;
                    JsonNode element = array.get(rnd.nextInt(array.size()));
                    int copies = 1 + rnd.nextInt(3);
                    for (int i = 0; i < copies; i++) {
                        array.add(element.deepCopy());
                    }
                    what.append("duplicated an element of ").append(s.path).append(" x").append(copies);
                    return json(body);
                }
                // Two members with the same name: only possible in the text, so a marker key is renamed after writing.
                Slot s = objectMember(body, rnd);
                ObjectNode owner = (ObjectNode) s.parent;
                JsonNode other = rnd.nextBoolean() ? s.value().deepCopy() : anyValue(rnd);
                owner.set(DUP_MARKER, other);
                what.append("duplicate key ").append(s.path).append(" = ").append(brief(other));
                String text = new String(json(body), StandardCharsets.UTF_8);
                return text.replace("\"" + DUP_MARKER + "\"", mapper.writeValueAsString(s.name))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case WRONG_TYPE: {
                Slot s = slot(body, rnd, n -> true);
                JsonNode replacement = otherType(s.value(), rnd);
                what.append(s.path).append(" (").append(s.value().getNodeType()).append(") = ").append(brief(replacement));
                s.set(replacement);
                return json(body);
            }
            case NULL_VALUE: {
                Slot s = slot(body, rnd, n -> true);
                what.append(s.path).append(" = null");
                s.set(F.nullNode());
                return json(body);
            }
            case EMPTY_VALUE: {
                Slot s = slot(body, rnd, n -> true);
                JsonNode empty = switch (rnd.nextInt(4)) {
                    case 0 -> F.textNode("");
                    case 1 -> F.arrayNode();
                    case 2 -> F.objectNode();
                    default -> s.value().isContainerNode() ? F.textNode("") : s.value().isTextual() ? F.arrayNode() : F.objectNode();
                };
                what.append(s.path).append(" = ").append(empty);
                s.set(empty);
                return json(body);
            }
            case HUGE_STRING: {
                Slot s = slot(body, rnd, n -> n.isValueNode() || rnd.nextInt(4) == 0);
                // Now and then past the 10 MB body limit: that must be the 413, not an out-of-memory.
                int length = rnd.nextInt(25) == 0 ? 10_600_000 : 50_000 + rnd.nextInt(HUGE_BUDGET_BYTES - 50_000);
                char c = "xé\u00a0<\"\\/\n"      .charAt(rnd.nextInt(8));
                what.append(s.path).append(" = a string of ").append(length).append(" x U+").append(Integer.toHexString(c));
                s.set(F.textNode(String.valueOf(c).repeat(length)));
                return json(body);
            }
            case HUGE_ARRAY: {
                Slot s = slot(body, rnd, n -> n.isArray() || rnd.nextInt(3) == 0);
                JsonNode element = s.value().isArray() && s.value().size() > 0
                        ? s.value().get(rnd.nextInt(s.value().size())) : anyValue(rnd);
                int count;
                if ("entry".equals(s.name) && rnd.nextBoolean()) {
                    // Past mbc.limits.max-resources (10,000) with small entries, so the resource limit answers (413),
                    // not the body-size one.
                    element = F.objectNode().set("resource", F.objectNode().put("resourceType", "Observation")
                            .put("status", "final"));
                    count = 10_001 + rnd.nextInt(5_000);
                } else {
                    int elementBytes = Math.max(2, json(element).length);
                    count = Math.max(2, Math.min(1_000 + rnd.nextInt(50_000), HUGE_BUDGET_BYTES / 2 / elementBytes));
                }
                ArrayNode array = F.arrayNode(count);
                for (int i = 0; i < count; i++) {
                    array.add(element);
                }
                what.append(s.path).append(" = an array of ").append(count).append(" x ").append(brief(element));
                s.set(array);
                return json(body);
            }
            case DEEP_NESTING: {
                Slot s = slot(body, rnd, n -> true);
                int[] depths = {20, 100, 190, 199, 200, 201, 250, 500, 900};
                int depth = depths[rnd.nextInt(depths.length)];
                if (rnd.nextInt(5) == 0) {
                    // Far past any limit, as text: the tree itself could not be written that deep.
                    int textDepth = 10_000 + rnd.nextInt(90_000);
                    String marker = "zz-deep-zz";
                    s.set(F.textNode(marker));
                    String open = rnd.nextBoolean() ? "[" : "{\"a\":";
                    String close = open.equals("[") ? "]" : "}";
                    what.append(s.path).append(" nested ").append(textDepth).append(" deep (").append(open).append(")");
                    return new String(json(body), StandardCharsets.UTF_8)
                            .replace("\"" + marker + "\"", open.repeat(textDepth) + "1" + close.repeat(textDepth))
                            .getBytes(StandardCharsets.UTF_8);
                }
                JsonNode value = s.value();
                for (int i = 0; i < depth; i++) {
                    if (rnd.nextBoolean()) {
                        value = F.arrayNode().add(value);
                    } else {
                        ObjectNode o = F.objectNode();
                        o.set(s.name == null ? "value" : s.name, value);
                        value = o;
                    }
                }
                what.append(s.path).append(" wrapped ").append(depth).append(" deep");
                s.set(value);
                return json(body);
            }
            case INVALID_DATE: {
                Slot s = slot(body, rnd, n -> n.isTextual() && n.asText().matches("\\d{4}(-\\d\\d.*)?"));
                if (s == null || rnd.nextInt(8) == 0) {
                    s = slot(body, rnd, JsonNode::isValueNode);
                }
                String bad = BAD_DATES[rnd.nextInt(BAD_DATES.length)];
                what.append(s.path).append(" = ").append(mapper.writeValueAsString(bad));
                s.set(F.textNode(bad));
                return json(body);
            }
            case UNKNOWN_RESOURCE_TYPE: {
                Slot s = slot(body, rnd, n -> false, "resourceType");
                if (s == null) {
                    s = slot(body, rnd, n -> true);
                }
                String bad = BAD_TYPES[rnd.nextInt(BAD_TYPES.length)];
                what.append(s.path).append(" = ").append(mapper.writeValueAsString(bad));
                s.set(F.textNode(bad));
                return json(body);
            }
            case DANGLING_REFERENCE: {
                String[] nowhere = {"Medication/nowhere-" + rnd.nextInt(1000), "Patient/someone-else", "urn:uuid:"
                        + new java.util.UUID(rnd.nextLong(), rnd.nextLong()), "#missing-contained", "Observation/",
                        "/", "Medication/../../etc/passwd", "Medication/a b", "Medication/" + "9".repeat(300),
                        "http://127.0.0.1:1/fhir/Medication/1", "Medication?code=x", "Medication/1/_history/2"};
                int count = 1 + rnd.nextInt(4);
                for (int i = 0; i < count; i++) {
                    Slot s = slot(body, rnd, JsonNode::isTextual, "reference");
                    if (s == null) {
                        s = slot(body, rnd, JsonNode::isObject);
                        ObjectNode ref = F.objectNode().put("reference", nowhere[rnd.nextInt(nowhere.length)]);
                        ((ObjectNode) s.value()).set("medicationReference", ref);
                        what.append(s.path).append(".medicationReference = ").append(ref).append("; ");
                        continue;
                    }
                    String target = nowhere[rnd.nextInt(nowhere.length)];
                    what.append(s.path).append(" = ").append(target).append("; ");
                    s.set(F.textNode(target));
                }
                return json(body);
            }
            case REFERENCE_CYCLE:
                referenceCycle(body, rnd, what);
                return json(body);
            case INVALID_UTF8: {
                Slot s = slot(body, rnd, JsonNode::isTextual);
                if (s == null) {
                    s = slot(body, rnd, n -> true);
                }
                s.set(F.textNode("ab" + UTF8_MARKER + "cd"));
                byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xED, (byte) 0xA0,
                        (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88,
                        (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80,
                        (byte) 0x80}, {0x00}};
                byte[] chosen = bad[rnd.nextInt(bad.length)];
                what.append(s.path).append(" holds bytes ").append(hex(chosen));
                return replace(json(body), UTF8_MARKER.getBytes(StandardCharsets.US_ASCII), chosen);
            }
            case NUMBER_OUT_OF_RANGE: {
                Slot s = slot(body, rnd, JsonNode::isNumber);
                if (s == null || rnd.nextInt(3) == 0) {
                    s = slot(body, rnd, JsonNode::isValueNode);
                }
                JsonNode n = switch (rnd.nextInt(9)) {
                    case 0 -> F.numberNode(new BigDecimal("1e400"));
                    case 1 -> F.numberNode(new BigDecimal("-1e400"));
                    case 2 -> F.numberNode(new BigDecimal("1e-400"));
                    case 3 -> F.numberNode(BigInteger.TEN.pow(100));
                    case 4 -> F.numberNode(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE));
                    case 5 -> F.numberNode(2_147_483_648L);
                    case 6 -> F.numberNode(-2_147_483_649L);
                    case 7 -> F.numberNode(new BigDecimal("0." + "3".repeat(900)));
                    default -> F.numberNode(new BigInteger("9".repeat(1_200)));
                };
                what.append(s.path).append(" = ").append(brief(n));
                s.set(n);
                return json(body);
            }
            case WRONG_PREFETCH_TYPE: {
                ObjectNode prefetch = body.get("prefetch") instanceof ObjectNode p ? p : body.putObject("prefetch");
                String key = PREFETCH_KEYS[rnd.nextInt(PREFETCH_KEYS.length)];
                List<JsonNode> resources = resources(body);
                JsonNode value;
                switch (rnd.nextInt(6)) {
                    case 0: {
                        String other = PREFETCH_KEYS[rnd.nextInt(PREFETCH_KEYS.length)];
                        value = prefetch.has(other) ? prefetch.get(other).deepCopy() : F.nullNode();
                        what.append("prefetch.").append(key).append(" holds prefetch.").append(other);
                        break;
                    }
                    case 1: {
                        value = resources.isEmpty() ? F.objectNode().put("resourceType", "Condition")
                                : resources.get(rnd.nextInt(resources.size())).deepCopy();
                        what.append("prefetch.").append(key).append(" holds one ").append(value.path("resourceType"));
                        break;
                    }
                    case 2: {
                        ObjectNode bundle = F.objectNode().put("resourceType", "Bundle").put("type", "searchset");
                        ArrayNode entries = bundle.putArray("entry");
                        for (int i = 0; i < 1 + rnd.nextInt(5) && !resources.isEmpty(); i++) {
                            entries.addObject().set("resource", resources.get(rnd.nextInt(resources.size())).deepCopy());
                        }
                        value = bundle;
                        what.append("prefetch.").append(key).append(" holds a Bundle of mixed types");
                        break;
                    }
                    case 3:
                        value = F.objectNode().put("resourceType", "Bundle").set("entry", F.objectNode().put("resource", 1));
                        what.append("prefetch.").append(key).append(" holds a Bundle whose entry is an object");
                        break;
                    case 4:
                        value = F.objectNode().put("resourceType", "OperationOutcome").set("issue", F.textNode("x"));
                        what.append("prefetch.").append(key).append(" holds a malformed OperationOutcome");
                        break;
                    default:
                        value = anyValue(rnd);
                        what.append("prefetch.").append(key).append(" = ").append(brief(value));
                }
                prefetch.set(key, value);
                return json(body);
            }
            default:
                throw new IllegalStateException(category.name());
        }
    }

    /** Resources that reference each other (or themselves) through fields HAPI reads as References. */
    private void referenceCycle(ObjectNode body, Random rnd, StringBuilder what) {
        List<JsonNode> all = resources(body);
        if (all.isEmpty()) {
            what.append("no resources to link; ");
            ObjectNode prefetch = body.get("prefetch") instanceof ObjectNode p ? p : body.putObject("prefetch");
            ObjectNode bundle = prefetch.putObject("medRequests").put("resourceType", "Bundle").put("type", "searchset");
            ArrayNode entries = bundle.putArray("entry");
            for (int i = 0; i < 2; i++) {
                entries.addObject().putObject("resource").put("resourceType", "MedicationRequest").put("id", "c" + i)
                        .put("status", "active").put("intent", "order");
            }
            all = resources(body);
        }
        String[] fields = {"basedOn", "partOf", "hasMember", "derivedFrom", "replaces", "reasonReference"};
        int length = 1 + rnd.nextInt(3);
        List<ObjectNode> ring = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            ring.add((ObjectNode) all.get(rnd.nextInt(all.size())));
        }
        for (int i = 0; i < ring.size(); i++) {
            ObjectNode from = ring.get(i);
            ObjectNode to = ring.get((i + 1) % ring.size());
            if (!to.path("id").isTextual()) {
                to.put("id", "cycle" + i);
            }
            String ref = to.path("resourceType").asText("Resource") + "/" + to.path("id").asText();
            String field = fields[rnd.nextInt(fields.length)];
            from.putArray(field).addObject().put("reference", ref);
            what.append(from.path("resourceType").asText()).append('.').append(field).append(" -> ").append(ref).append("; ");
        }
        if (rnd.nextBoolean()) {
            // Contained resources pointing at each other and at their container.
            ObjectNode owner = ring.get(0);
            ArrayNode contained = owner.putArray("contained");
            contained.addObject().put("resourceType", "Medication").put("id", "m1").putArray("ingredient").addObject()
                    .putObject("itemReference").put("reference", "#m2");
            contained.addObject().put("resourceType", "Medication").put("id", "m2").putArray("ingredient").addObject()
                    .putObject("itemReference").put("reference", "#m1");
            owner.putObject("medicationReference").put("reference", "#m1");
            owner.remove("medicationCodeableConcept");
            what.append("contained #m1 <-> #m2 from ").append(owner.path("resourceType").asText());
        }
    }

    // ---- walking the tree ----

    /** A place in the tree: a member of an object or an element of an array. */
    private static final class Slot {
        final JsonNode parent;
        final String name;
        final int index;
        final String path;

        Slot(JsonNode parent, String name, int index, String path) {
            this.parent = parent;
            this.name = name;
            this.index = index;
            this.path = path;
        }

        JsonNode value() {
            return name != null ? parent.get(name) : parent.get(index);
        }

        void set(JsonNode v) {
            if (name != null) {
                ((ObjectNode) parent).set(name, v);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }

        void remove() {
            if (name != null) {
                ((ObjectNode) parent).remove(name);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private static Slot slot(ObjectNode body, Random rnd, Predicate<JsonNode> accept) {
        return slot(body, rnd, accept, null);
    }

    /**
     * A random slot whose value passes {@code accept} (or whose member name is {@code named}). A quarter of the time
     * only the first three levels (hook, context, prefetch keys) are candidates, so the envelope gets its share next to
     * the many resource fields.
     */
    private static Slot slot(ObjectNode body, Random rnd, Predicate<JsonNode> accept, String named) {
        List<Slot> all = new ArrayList<>();
        collect(body, "$", 0, all);
        List<Slot> ok = new ArrayList<>();
        boolean shallow = named == null && rnd.nextInt(4) == 0;
        for (Slot s : all) {
            boolean match = named != null ? named.equals(s.name) && (accept.test(s.value()) || s.value().isTextual())
                    : accept.test(s.value());
            if (match && (!shallow || depth(s.path) <= 3)) {
                ok.add(s);
            }
        }
        if (ok.isEmpty() && shallow) {
            return slot(body, rnd, accept, named);
        }
        return ok.isEmpty() ? (named == null ? all.get(rnd.nextInt(all.size())) : null) : ok.get(rnd.nextInt(ok.size()));
    }

    private static Slot objectMember(ObjectNode body, Random rnd) {
        List<Slot> all = new ArrayList<>();
        collect(body, "$", 0, all);
        List<Slot> members = all.stream().filter(s -> s.name != null).toList();
        return members.get(rnd.nextInt(members.size()));
    }

    private static int depth(String path) {
        int d = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '.' || path.charAt(i) == '[') {
                d++;
            }
        }
        return d;
    }

    private static void collect(JsonNode node, String path, int depth, List<Slot> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + "." + e.getKey();
                out.add(new Slot(node, e.getKey(), -1, p));
                collect(e.getValue(), p, depth + 1, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = path + "[" + i + "]";
                out.add(new Slot(node, null, i, p));
                collect(node.get(i), p, depth + 1, out);
            }
        }
    }

    /** Every JSON object with a resourceType in the prefetch and the draft orders (entries and contained included). */
    private static List<JsonNode> resources(ObjectNode body) {
        List<JsonNode> out = new ArrayList<>();
        findResources(body.path("prefetch"), out);
        findResources(body.path("context").path("draftOrders"), out);
        return out;
    }

    private static void findResources(JsonNode node, List<JsonNode> out) {
        if (node.isObject()) {
            if (node.path("resourceType").isTextual() && !"Bundle".equals(node.path("resourceType").asText())) {
                out.add(node);
            }
            node.forEach(child -> findResources(child, out));
        } else if (node.isArray()) {
            node.forEach(child -> findResources(child, out));
        }
    }

    // ---- values ----

    private static JsonNode anyValue(Random rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(rnd.nextBoolean());
            case 2 -> F.numberNode(rnd.nextInt());
            case 3 -> F.numberNode(new BigDecimal("-0.5"));
            case 4 -> F.textNode("x");
            case 5 -> F.arrayNode().add(1).add("a");
            case 6 -> F.objectNode().put("resourceType", "Patient");
            default -> F.objectNode();
        };
    }

    private static JsonNode otherType(JsonNode current, Random rnd) {
        for (int i = 0; i < 20; i++) {
            JsonNode candidate = anyValue(rnd);
            if (candidate.getNodeType() != current.getNodeType()) {
                return candidate;
            }
        }
        return current.isTextual() ? F.numberNode(7) : F.textNode("7");
    }

    private byte[] json(JsonNode node) throws Exception {
        return mapper.writeValueAsBytes(node);
    }

    private String brief(JsonNode node) {
        String s = node.toString();
        return s.length() > 60 ? s.substring(0, 60) + "...(" + s.length() + " chars)" : s;
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02X ", b));
        }
        return sb.toString().trim();
    }

    private static byte[] replace(byte[] haystack, byte[] needle, byte[] with) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(haystack.length + with.length);
        outer:
        for (int i = 0; i < haystack.length; i++) {
            if (i <= haystack.length - needle.length) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        out.write(haystack[i]);
                        continue outer;
                    }
                }
                out.write(with, 0, with.length);
                i += needle.length - 1;
            } else {
                out.write(haystack[i]);
            }
        }
        return out.toByteArray();
    }
}
