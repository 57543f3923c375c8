package org.mbccds.knowledge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbccds.testing.Knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The regimen component flag "beyondProgression" (cards/README): read, checked, and off by default. */
class RegimenBeyondProgressionTest {
    private static final String RULE = """
            rules:
              - id: demo.option
                type: therapy
                title: "Demo"
                rank: 1
                when: {metastatic: true}
                regimen:
                  - role: "HER2 antibody"
                    choose: [trastuzumab]
                    FLAG
                evidence: "[V]"
                confidence: V
                source: {label: "ASCO", url: "https://www.guidelinecentral.com/guideline/1744063/"}
                specRef: "therapy-rules §B3"
                reviewed: "2026-11-23"
            """;

    private static KnowledgeBase load(Path dir, String flag) throws IOException {
        Files.copy(Path.of("cards/knowledge.yaml"), dir.resolve("knowledge.yaml"));
        Files.writeString(dir.resolve("area.yaml"), RULE.replace("FLAG", flag));
        return KnowledgeBase.load(dir, Knowledge.DRUGS, true);
    }

    @Test
    void flagIsReadAndDefaultsToFalse(@TempDir Path a, @TempDir Path b) throws IOException {
        assertTrue(load(a, "beyondProgression: true").rules().get(0).regimen().get(0).beyondProgression());
        assertFalse(load(b, "").rules().get(0).regimen().get(0).beyondProgression());
    }

    @Test
    void nonBooleanFlagIsRefused(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> load(dir, "beyondProgression: yes please"));
        assertTrue(e.getMessage().contains("demo.option") && e.getMessage().contains("beyondProgression"), e.getMessage());
    }

    @Test
    void shippedRulesUseTheFlagOnlyOnSpecBackedBackbones() {
        for (Rule r : Knowledge.RULES.rules()) {
            for (Rule.Component c : r.regimen()) {
                if (c.beyondProgression()) {
                    assertTrue(c.choices().stream().allMatch(d -> d.id().equals("trastuzumab") || d.id().equals("fulvestrant")
                            || d.id().equals("capecitabine")), r.id() + " flags " + c.role());
                }
            }
        }
    }
}
