package org.mbccds.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.mbccds.hooks.CdsServicesResource;
import org.mbccds.hooks.FeedbackResource;
import org.mbccds.hooks.FhirValidateResource;
import org.mbccds.testing.Json;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class OpenApiTest {
    private static JsonNode document() {
        return Json.parse(given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void documentsDiscoveryTheThreeServicesFeedbackAndValidation() {
        JsonNode paths = document().path("paths");
        assertThat(paths.fieldNames()).toIterable().containsExactlyInAnyOrder("/cds-services",
                "/cds-services/mbc-patient-view", "/cds-services/mbc-order-select", "/cds-services/mbc-order-sign",
                "/cds-services/{id}/feedback", "/cds-services/{id}/feedback/report", "/fhir/Bundle/$validate");
        assertThat(paths.path("/cds-services").has("get")).isTrue();
        assertThat(paths.path("/cds-services/{id}/feedback").has("post")).isTrue();
        assertThat(paths.path("/cds-services/{id}/feedback/report").has("get")).isTrue();
        assertThat(paths.path("/fhir/Bundle/$validate").has("post")).isTrue();
    }

    /**
     * The document is written by hand (the resources take raw bytes): every resource method must be in it, under its
     * path and HTTP method. The service-call path template is documented once per service.
     */
    @Test
    void everyResourceMethodIsDocumented() {
        JsonNode paths = document().path("paths");
        int methods = 0;
        for (Class<?> resource : List.of(CdsServicesResource.class, FeedbackResource.class, FhirValidateResource.class)) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                HttpMethod http = Arrays.stream(m.getAnnotations())
                        .map(a -> a.annotationType().getAnnotation(HttpMethod.class)).filter(Objects::nonNull)
                        .findFirst().orElse(null);
                if (http == null) {
                    continue;
                }
                methods++;
                String path = base + (m.isAnnotationPresent(Path.class) ? m.getAnnotation(Path.class).value() : "");
                // The service-call template is documented per service; $validate by its Bundle form, whose
                // description names the single-resource forms.
                List<String> documented = path.equals("/cds-services/{id}")
                        ? List.of("/cds-services/mbc-patient-view", "/cds-services/mbc-order-select",
                        "/cds-services/mbc-order-sign")
                        : path.startsWith("/fhir/") ? List.of("/fhir/Bundle/$validate") : List.of(path);
                for (String p : documented) {
                    assertThat(paths.path(p).has(http.value().toLowerCase(Locale.ROOT)))
                            .as(http.value() + " " + p + " (" + m.getName() + ")").isTrue();
                }
            }
        }
        assertThat(methods).isEqualTo(6);
    }

    @Test
    void requestExamplesAreTheShippedExampleFilesAsTheyAre() throws IOException {
        JsonNode paths = document().path("paths");
        String[][] cases = {
                {"/cds-services/mbc-patient-view", "patient-view-trial-matching-01"},
                {"/cds-services/mbc-order-select", "order-select-trial-matching-01-trastuzumab"},
                {"/cds-services/mbc-order-sign", "order-sign-trial-matching-01-letrozole-tamoxifen"}};
        for (String[] c : cases) {
            JsonNode example = paths.path(c[0]).path("post").path("requestBody").path("content").path("application/json")
                    .path("examples").path(c[1]);
            assertThat(example.has("externalValue")).as(c[0]).isFalse();
            JsonNode file = Json.parse(Files.readString(java.nio.file.Path.of("examples", c[1] + ".json")));
            assertThat(example.path("value")).as(c[0]).isEqualTo(file);
        }
    }

    @Test
    void responsesHaveExamplesAndTheClientJwtIsDeclared() {
        JsonNode doc = document();
        JsonNode cards = doc.path("components").path("responses").path("Cards").path("content").path("application/json")
                .path("examples").path("critical-order-check").path("value").path("cards");
        assertThat(cards.path(0).path("indicator").asText()).isEqualTo("critical");
        assertThat(doc.path("components").path("securitySchemes").path("cdsClientJwt").path("scheme").asText())
                .isEqualTo("bearer");
    }
}
