package org.mbccds.knowledge;

import org.junit.jupiter.api.Test;
import org.mbccds.testing.Knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** cards/RULES.md must list every rule as the YAML says it; regenerate with -Dmbc.regenerate=true. */
class RulesTableTest {
    private static final Path TABLE = Path.of("cards/RULES.md");

    @Test
    void rulesTableIsCurrent() throws IOException {
        String expected = RulesTable.markdown(Knowledge.RULES);
        if (Boolean.getBoolean("mbc.regenerate")) {
            Files.writeString(TABLE, expected);
        }
        assertThat(Files.exists(TABLE)).as("cards/RULES.md exists").isTrue();
        assertThat(Files.readString(TABLE))
                .as("cards/RULES.md is stale: run ./mvnw test -Dtest=RulesTableTest -Dmbc.regenerate=true")
                .isEqualTo(expected);
    }

    @Test
    void everyRuleIsInTheTable() {
        String table = RulesTable.markdown(Knowledge.RULES);
        assertThat(Knowledge.RULES.rules()).allSatisfy(r -> assertThat(table).contains("`" + r.id() + "`"));
    }
}
