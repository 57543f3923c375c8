package org.mbccds.hooks.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With client authentication on (production), the /q/ operations endpoints answer without a CDS client's JWT: a
 * kubelet probe or a Prometheus scraper has none. Keeping /q/metrics and /q/openapi off the public network is the
 * deployment's job (README, Operations; deploy/k8s).
 */
@QuarkusTest
@TestProfile(AuthEnabledProfile.class)
class OperationsEndpointsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/live", "/q/health/ready", "/q/health/group/feedback", "/q/metrics", "/q/openapi"})
    void answerWithoutAToken(String path) {
        given().when().get(path).then().statusCode(200);
    }

    @Test
    void whileTheCdsServicesStillRequireOne() {
        given().when().get("/cds-services").then().statusCode(401);
    }

    /** Refused before matching, so the raw path would be the uri tag: random paths must not each make a series. */
    @Test
    void refusedRequestsToRandomPathsDoNotAddMetricSeries() {
        String random = "/probe-" + System.nanoTime();
        given().when().get(random).then().statusCode(401);
        given().when().get("/cds-services" + random + "/x").then().statusCode(401);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain(random)
                .contains("status=\"401\",uri=\"UNMATCHED\"");
    }
}
