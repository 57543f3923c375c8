package org.mbccds.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.mbccds.terminology.DrugCatalog;
import org.mbccds.terminology.DrugConcept;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * All rules of cards/*.yaml, loaded and checked once at start-up. A bad rule stops the service with the file, the
 * rule id and the reason: a knowledge base that loads is one whose every rule names its source and evidence.
 */
public final class KnowledgeBase {
    static final String VERSION_FILE = "knowledge.yaml";
    static final Set<String> NOT_RULE_FILES = Set.of(VERSION_FILE, "clinical-definitions.yaml");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.\\-]*");
    private static final int SUMMARY_ROOM_FOR_DRUG = 40;

    private final KnowledgeVersion version;
    private final List<Rule> rules;
    private final Map<Rule.Type, List<Rule>> byType = new EnumMap<>(Rule.Type.class);

    KnowledgeBase(KnowledgeVersion version, List<Rule> rules) {
        this.version = version;
        this.rules = List.copyOf(rules);
        for (Rule.Type type : Rule.Type.values()) {
            byType.put(type, this.rules.stream().filter(r -> r.type() == type).toList());
        }
    }

    public KnowledgeVersion version() {
        return version;
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<Rule> rules(Rule.Type type) {
        return byType.get(type);
    }

    public static KnowledgeBase load(Path dir, DrugCatalog drugs, boolean includeUnconfirmed) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Cards directory not found: " + dir.toAbsolutePath() + " (set mbc.knowledge.cards-dir)");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        KnowledgeVersion version;
        try {
            JsonNode v = yaml.readTree(dir.resolve(VERSION_FILE).toFile());
            version = new KnowledgeVersion(text(v, "version"), text(v, "specReviewed"), text(v, "spec"),
                    new Rule.Source(text(v.path("summarySource"), "label"), text(v.path("summarySource"), "url")));
        } catch (IOException | RuleException e) {
            throw new IllegalStateException("cards/" + VERSION_FILE + ": " + e.getMessage(), e);
        }
        CriteriaParser criteria = new CriteriaParser(drugs);
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !NOT_RULE_FILES.contains(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + dir, e);
        }
        for (Path file : files) {
            JsonNode root;
            try {
                root = yaml.readTree(file.toFile());
            } catch (IOException e) {
                throw new IllegalStateException("cards/" + file.getFileName() + ": not valid YAML: " + e.getMessage(), e);
            }
            String area = root.path("area").asText(file.getFileName().toString().replace(".yaml", ""));
            List<Rule.OverrideReason> defaultReasons = overrideReasons(root.path("overrideReasons"));
            int index = 0;
            for (JsonNode r : root.path("rules")) {
                String id = r.path("id").asText("#" + index);
                index++;
                try {
                    if (!ids.add(id)) {
                        throw new RuleException("duplicate rule id");
                    }
                    Rule rule = rule(r, id, area, file.getFileName().toString(), criteria, drugs, defaultReasons);
                    // The switch hides unconfirmed options, never a safety check on an order.
                    if (includeUnconfirmed || rule.confidence() != Rule.Tag.U || rule.type() == Rule.Type.ORDER_CHECK) {
                        rules.add(rule);
                    }
                } catch (RuleException e) {
                    throw new IllegalStateException("cards/" + file.getFileName() + ", rule " + id + ": " + e.getMessage(), e);
                }
            }
        }
        return new KnowledgeBase(version, rules);
    }

    private static Rule rule(JsonNode r, String id, String area, String file, CriteriaParser criteria, DrugCatalog drugs,
                             List<Rule.OverrideReason> defaultReasons) {
        if (!ID.matcher(id).matches()) {
            throw new RuleException("id must be lower-case letters, digits, dots and dashes");
        }
        Rule.Type type;
        try {
            type = Rule.Type.valueOf(text(r, "type").toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new RuleException("unknown type '" + r.path("type").asText() + "'");
        }
        Set<String> allowed = new HashSet<>(Set.of("id", "type", "title", "when", "source", "evidence", "confidence",
                "specRef", "reviewed", "detail"));
        switch (type) {
            case THERAPY -> allowed.addAll(Set.of("rank", "regimen", "trials", "fda", "unless", "conditional", "disagreement"));
            case ORDER_CHECK -> allowed.addAll(Set.of("order", "severity", "summary", "alternatives", "overrideReasons"));
            case TEST -> allowed.addAll(Set.of("summary", "indicator"));
            case SUPPORTIVE -> allowed.addAll(Set.of("summary", "regimen", "unless", "conditional"));
            case TRIAL_SEARCH -> allowed.addAll(Set.of("term", "andAnyDetected"));
            case TRIAL_PRIORITY, WHY_NOT -> allowed.add("summary");
        }
        for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new RuleException("field '" + field + "' is not allowed in a " + r.path("type").asText() + " rule");
            }
        }
        JsonNode src = r.path("source");
        Rule.Source source = new Rule.Source(text(src, "label"), text(src, "url"));
        if (!source.url().startsWith("https://") && !source.url().startsWith("http://")) {
            throw new RuleException("source.url must be an absolute URL");
        }
        Rule.Tag tag;
        try {
            tag = Rule.Tag.valueOf(text(r, "confidence"));
        } catch (IllegalArgumentException e) {
            throw new RuleException("confidence must be V, M or U (the spec's tag)");
        }
        List<Rule.Component> regimen = components(r.path("regimen"), drugs);
        if ((type == Rule.Type.THERAPY || type == Rule.Type.SUPPORTIVE) && regimen.isEmpty()) {
            throw new RuleException("a " + type.name().toLowerCase() + " rule needs a regimen");
        }
        List<Rule.Exclusion> unless = new ArrayList<>();
        for (JsonNode u : r.path("unless")) {
            unless.add(new Rule.Exclusion(criteria.parse(u.path("when")), text(u, "reason")));
        }
        List<Rule.Conditional> conditionals = new ArrayList<>();
        for (JsonNode c : r.path("conditional")) {
            Optional<Rule.Component> add = c.has("add") ? Optional.of(component(c.path("add"), drugs)) : Optional.empty();
            conditionals.add(new Rule.Conditional(criteria.parse(c.path("when")), text(c, "caution"), add));
        }
        Rule.OrderCheck check = Rule.OrderCheck.none();
        if (type == Rule.Type.ORDER_CHECK) {
            List<String> order = new ArrayList<>();
            r.path("order").forEach(n -> order.add(n.asText()));
            if (order.isEmpty()) {
                throw new RuleException("an order-check needs 'order' (drug or class ids)");
            }
            order.forEach(o -> {
                if (!drugs.knows(o)) {
                    throw new RuleException("'order': unknown drug or class '" + o + "'");
                }
            });
            Rule.Severity severity;
            try {
                severity = Rule.Severity.valueOf(text(r, "severity").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new RuleException("severity must be info, warning or critical");
            }
            List<DrugConcept> alternatives = new ArrayList<>();
            r.path("alternatives").forEach(n -> alternatives.add(drug(n.asText(), drugs, "alternatives")));
            List<Rule.OverrideReason> reasons = r.has("overrideReasons") ? overrideReasons(r.path("overrideReasons")) : defaultReasons;
            if (reasons.isEmpty()) {
                throw new RuleException("an order-check needs overrideReasons (on the rule or the file)");
            }
            check = new Rule.OrderCheck(List.copyOf(order), severity, List.copyOf(alternatives), reasons);
        }
        Optional<String> summary = optional(r, "summary");
        if (type == Rule.Type.ORDER_CHECK || type == Rule.Type.TEST || type == Rule.Type.TRIAL_PRIORITY || type == Rule.Type.SUPPORTIVE
                || type == Rule.Type.WHY_NOT) {
            String s = summary.orElseThrow(() -> new RuleException("'summary' is required"));
            int length = s.replace("{drug}", "").length() + (s.contains("{drug}") ? SUMMARY_ROOM_FOR_DRUG : 0);
            if (length > 139) {
                throw new RuleException("summary too long for a card (< 140 characters, " + SUMMARY_ROOM_FOR_DRUG
                        + " kept for {drug}): " + s);
            }
        }
        Optional<String> indicator = optional(r, "indicator");
        if (indicator.isPresent() && !Set.of("info", "warning", "critical").contains(indicator.get())) {
            throw new RuleException("indicator must be info, warning or critical");
        }
        Optional<Rule.TrialSearch> trial = Optional.empty();
        if (type == Rule.Type.TRIAL_SEARCH) {
            List<String> markers = new ArrayList<>();
            r.path("andAnyDetected").forEach(n -> markers.add(n.asText()));
            trial = Optional.of(new Rule.TrialSearch(text(r, "title"), text(r, "term"), List.copyOf(markers)));
        }
        int rank = r.path("rank").asInt(type == Rule.Type.THERAPY ? -1 : 0);
        if (rank < 0) {
            throw new RuleException("a therapy rule needs a rank");
        }
        return new Rule(id, type, area, file, text(r, "title"), rank, criteria.parse(r.path("when")), List.copyOf(unless),
                List.copyOf(conditionals), regimen, r.path("detail").asText(""), r.path("trials").asText(""),
                text(r, "evidence"), tag, r.path("fda").asText(""), source, text(r, "specRef"), text(r, "reviewed"),
                optional(r, "disagreement"), check, summary, indicator, trial);
    }

    private static List<Rule.Component> components(JsonNode regimen, DrugCatalog drugs) {
        List<Rule.Component> list = new ArrayList<>();
        for (JsonNode c : regimen) {
            list.add(component(c, drugs));
        }
        return List.copyOf(list);
    }

    private static Rule.Component component(JsonNode c, DrugCatalog drugs) {
        List<DrugConcept> choices = new ArrayList<>();
        c.path("choose").forEach(n -> choices.add(drug(n.asText(), drugs, "regimen")));
        if (choices.isEmpty()) {
            throw new RuleException("regimen component '" + c.path("role").asText() + "' has no 'choose' drugs");
        }
        JsonNode beyond = c.path("beyondProgression");
        if (!beyond.isMissingNode() && !beyond.isBoolean()) {
            throw new RuleException("regimen component '" + c.path("role").asText() + "': 'beyondProgression' takes true or false");
        }
        return new Rule.Component(text(c, "role"), List.copyOf(choices), beyond.asBoolean(false));
    }

    private static DrugConcept drug(String id, DrugCatalog drugs, String field) {
        return drugs.concept(id).orElseThrow(() -> new RuleException("'" + field + "': unknown drug '" + id
                + "' (drug ids are the drug-* ValueSets of fhir-profiles)"));
    }

    private static List<Rule.OverrideReason> overrideReasons(JsonNode node) {
        List<Rule.OverrideReason> list = new ArrayList<>();
        for (JsonNode n : node) {
            list.add(new Rule.OverrideReason(text(n, "code"), text(n, "display")));
        }
        return List.copyOf(list);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isValueNode() || v.asText().isBlank()) {
            throw new RuleException("'" + field + "' is required");
        }
        return v.asText().trim();
    }

    private static Optional<String> optional(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.asText().isBlank() ? Optional.of(v.asText().trim()) : Optional.empty();
    }
}
