package org.mbccds.ops;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mbccds.knowledge.KnowledgeBase;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class HealthTest {
    @Inject
    KnowledgeBase knowledge;

    private static JsonPath health(String path) {
        return given().when().get(path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void readyNamesTheKnowledgeVersionLoadedWithItsRulesAndTerminology() {
        JsonPath ready = health("/q/health/ready");
        assertThat(ready.getString("status")).isEqualTo("UP");
        assertThat(ready.getList("checks.name")).containsExactly("knowledge");
        assertThat(ready.getString("checks[0].data.knowledgeVersion")).isEqualTo(knowledge.version().version());
        assertThat(ready.getInt("checks[0].data.rules")).isEqualTo(knowledge.rules().size()).isPositive();
        assertThat(ready.getInt("checks[0].data.valueSets")).isPositive();
        assertThat(ready.getInt("checks[0].data.drugConcepts")).isPositive();
    }

    @Test
    void liveChecksOnlyTheProcessItself() {
        JsonPath live = health("/q/health/live");
        assertThat(live.getString("status")).isEqualTo("UP");
        assertThat(live.getList("checks.name")).containsExactly("threads");
        assertThat(live.getInt("checks[0].data.deadlocked")).isZero();
    }

    @Test
    void theFeedbackDatabaseHasItsOwnGroupOutsideReadiness() {
        JsonPath feedback = health("/q/health/group/feedback");
        assertThat(feedback.getString("status")).isEqualTo("UP");
        assertThat(feedback.getList("checks.name")).containsExactly("feedback-database");
        assertThat(feedback.getString("checks[0].data.database")).isEqualTo("H2");
    }
}
