package org.mbccds.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mbccds.testing.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Administrators copy the prefetch templates from README into the EHR: they must be what discovery declares. */
@QuarkusTest
class ReadmeRegistrationTest {
    @Test
    void readmeListsEveryPrefetchTemplateExactlyAsDiscoveryDeclaresIt() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        JsonNode services = Json.parse(given().when().get("/cds-services").then().statusCode(200).extract().asString())
                .path("services");
        assertThat(services.size()).isEqualTo(3);
        for (JsonNode service : services) {
            assertThat(readme).contains("`" + service.path("id").asText() + "` | " + service.path("hook").asText());
            for (Iterator<Map.Entry<String, JsonNode>> it = service.path("prefetch").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> template = it.next();
                assertThat(readme).as(template.getKey())
                        .contains("| `" + template.getKey() + "` | `" + template.getValue().asText() + "` |");
            }
        }
    }
}
