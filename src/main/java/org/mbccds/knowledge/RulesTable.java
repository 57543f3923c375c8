package org.mbccds.knowledge;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The knowledge base as one Markdown table per area, for clinicians who review rules without reading YAML
 * (cards/RULES.md, kept current by a test).
 */
public final class RulesTable {
    private RulesTable() {
    }

    public static String markdown(KnowledgeBase knowledge) {
        StringBuilder md = new StringBuilder();
        md.append("# mbc-cds rules\n\n")
                .append("Generated from `cards/*.yaml` (").append(knowledge.version().describe()).append("). Do not edit: run\n")
                .append("`./mvnw test -Dtest=RulesTableTest -Dmbc.regenerate=true` after changing a rule.\n\n")
                .append("Confidence is the spec's tag: **V** checked against the cited source, **M** from memory (confirm before\n")
                .append("relying on it), **U** unconfirmed (shown on cards as \"approval reported, not confirmed in guideline\").\n\n")
                .append("| area | rules | V | M | U |\n|---|---|---|---|---|\n");
        var byArea = knowledge.rules().stream().collect(Collectors.groupingBy(Rule::area, java.util.TreeMap::new, Collectors.toList()));
        byArea.forEach((area, rules) -> md.append("| ").append(area).append(" | ").append(rules.size()).append(" | ")
                .append(count(rules, Rule.Tag.V)).append(" | ").append(count(rules, Rule.Tag.M)).append(" | ")
                .append(count(rules, Rule.Tag.U)).append(" |\n"));
        byArea.forEach((area, rules) -> {
            md.append("\n## ").append(area).append(" (`cards/").append(rules.get(0).file()).append("`)\n\n")
                    .append("| rule id | type | title | severity / rank | spec row | evidence | conf. | source |\n")
                    .append("|---|---|---|---|---|---|---|---|\n");
            rules.stream().sorted(Comparator.comparing(Rule::type).thenComparing(Rule::rank)).forEach(r -> md.append("| `")
                    .append(r.id()).append("` | ").append(r.type().name().toLowerCase().replace('_', '-')).append(" | ")
                    .append(cell(r.title())).append(" | ").append(level(r)).append(" | ").append(cell(r.specRef())).append(" | ")
                    .append(cell(r.evidence())).append(" | ").append(r.confidence()).append(" | [")
                    .append(cell(r.source().label())).append("](").append(r.source().url()).append(") |\n"));
        });
        return md.toString();
    }

    private static long count(List<Rule> rules, Rule.Tag tag) {
        return rules.stream().filter(r -> r.confidence() == tag).count();
    }

    private static String level(Rule r) {
        return switch (r.type()) {
            case ORDER_CHECK -> r.orderCheck().severity().name().toLowerCase();
            case THERAPY -> "rank " + r.rank();
            default -> "";
        };
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
