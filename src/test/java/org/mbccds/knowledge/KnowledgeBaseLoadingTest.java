package org.mbccds.knowledge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbccds.testing.Knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad rule stops start-up with the file, the rule id and the reason. */
class KnowledgeBaseLoadingTest {
    static final String VALID = """
            rules:
              - id: demo.rule
                type: test
                title: "Demo"
                summary: "Demo summary"
                when: {metastatic: true}
                evidence: "[V]"
                confidence: V
                source: {label: "ASCO", url: "https://ace.asco.org/guidelines/9676"}
                specRef: "therapy-rules §A3"
                reviewed: "2026-11-23"
            """;

    private static KnowledgeBase load(Path dir, String rules) throws IOException {
        Files.copy(Path.of("cards/knowledge.yaml"), dir.resolve("knowledge.yaml"));
        Files.writeString(dir.resolve("area.yaml"), rules);
        return KnowledgeBase.load(dir, Knowledge.DRUGS, true);
    }

    @Test
    void theShippedKnowledgeBaseLoads() {
        assertThat(Knowledge.RULES.rules()).hasSizeGreaterThan(30);
        assertThat(Knowledge.RULES.rules().stream().map(Rule::id).distinct().count()).isEqualTo(Knowledge.RULES.rules().size());
    }

    @Test
    void aValidRuleLoads(@TempDir Path dir) throws IOException {
        assertThat(load(dir, VALID).rules()).extracting(Rule::id).containsExactly("demo.rule");
    }

    @Test
    void missingSourceIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, VALID.replace("    source: {label: \"ASCO\", url: \"https://ace.asco.org/guidelines/9676\"}\n", "")))
                .hasMessageContaining("area.yaml").hasMessageContaining("demo.rule").hasMessageContaining("label");
    }

    @Test
    void unknownConditionIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, VALID.replace("{metastatic: true}", "{tumourSize: 3}")))
                .hasMessageContaining("demo.rule").hasMessageContaining("unknown condition 'tumourSize'");
    }

    @Test
    void unknownDrugIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, VALID.replace("{metastatic: true}", "{exposedTo: [aspirin]}")))
                .hasMessageContaining("'aspirin' is neither a drug nor a drug class");
    }

    @Test
    void badConfidenceTagIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, VALID.replace("confidence: V", "confidence: high")))
                .hasMessageContaining("confidence must be V, M or U");
    }

    @Test
    void tooLongSummaryIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, VALID.replace("Demo summary", "x".repeat(150))))
                .hasMessageContaining("summary too long");
    }

    @Test
    void unconfirmedRulesCanBeSwitchedOff(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("cards/knowledge.yaml"), dir.resolve("knowledge.yaml"));
        Files.writeString(dir.resolve("area.yaml"), VALID.replace("confidence: V", "confidence: U"));
        assertThat(KnowledgeBase.load(dir, Knowledge.DRUGS, false).rules()).isEmpty();
        assertThat(KnowledgeBase.load(dir, Knowledge.DRUGS, true).rules()).hasSize(1);
    }

    @Test
    void unconfirmedOrderChecksStayWhenUnconfirmedRulesAreOff() {
        long shipped = Knowledge.RULES.rules(Rule.Type.ORDER_CHECK).size();
        assertThat(KnowledgeBase.load(Path.of("cards"), Knowledge.DRUGS, false).rules(Rule.Type.ORDER_CHECK)).hasSize((int) shipped);
        assertThat(KnowledgeBase.load(Path.of("cards"), Knowledge.DRUGS, false).rules(Rule.Type.THERAPY))
                .noneMatch(r -> r.confidence() == Rule.Tag.U);
    }
}
