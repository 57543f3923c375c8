package org.mbccds.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mbccds.testing.Http;
import org.mbccds.testing.RequestBodies;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /q/metrics after real calls. The application (and so the registry) is shared with other test classes, so every
 * assertion is on the change a call made, not on absolute values.
 */
@QuarkusTest
class MetricsTest {
    private static final String DURATION = "mbc_hook_duration_seconds";
    private static final String CARDS = "mbc_hook_cards_total";
    private static final String FETCH_ERRORS = "mbc_fhir_fetch_errors_total";

    @Test
    void aServiceCallIsTimedUnderItsServiceAndStatusClassAndItsCardsAreCountedByIndicator() throws Exception {
        String pv = "outcome=\"2xx\",service=\"mbc-patient-view\"";
        Metrics before = Metrics.scrape();

        JsonNode answer = Http.ok(Http.post("mbc-patient-view",
                Files.readString(Path.of("examples/patient-view-trial-matching-01.json"))));

        Metrics after = Metrics.scrape();
        assertThat(after.value(DURATION + "_count", pv) - before.value(DURATION + "_count", pv)).isEqualTo(1.0);
        assertThat(after.value(DURATION + "_sum", pv)).isGreaterThan(before.value(DURATION + "_sum", pv));
        // A histogram, so latency quantiles can be computed across replicas: buckets with le labels, ending at +Inf.
        assertThat(after.has(DURATION + "_bucket", pv + ",le=\"+Inf\"")).isTrue();
        assertThat(after.count(DURATION + "_bucket{" + pv)).isBetween(10L, 80L);
        for (String indicator : new String[]{"info", "warning", "critical"}) {
            long cards = 0;
            for (JsonNode card : answer.path("cards")) {
                cards += indicator.equals(card.path("indicator").asText()) ? 1 : 0;
            }
            String labels = "indicator=\"" + indicator + "\",service=\"mbc-patient-view\"";
            assertThat(after.value(CARDS, labels) - before.value(CARDS, labels)).as(indicator).isEqualTo(cards);
        }
        assertThat(answer.path("cards").size()).isPositive();
    }

    @Test
    void aCriticalOrderCheckIsCountedUnderOrderSelect() throws Exception {
        String labels = "indicator=\"critical\",service=\"mbc-order-select\"";
        Metrics before = Metrics.scrape();
        Http.ok(Http.post("mbc-order-select",
                Files.readString(Path.of("examples/order-select-trial-matching-01-trastuzumab.json"))));
        assertThat(Metrics.scrape().value(CARDS, labels) - before.value(CARDS, labels)).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void anUnreachableFhirServerCountsOneErrorPerPrefetchKeyReadAndTheRefusalIsTimedAs4xx() {
        ObjectNode body = RequestBodies.patientView();
        body.remove("prefetch");
        body.put("fhirServer", "http://127.0.0.1:" + Http.closedPort() + "/fhir");
        Metrics before = Metrics.scrape();

        Http.error(Http.post("mbc-patient-view", body), 412);

        Metrics after = Metrics.scrape();
        for (String key : RequestBodies.KEYS) {
            String labels = "kind=\"unreachable\",prefetch_key=\"" + key + "\"";
            assertThat(after.value(FETCH_ERRORS, labels) - before.value(FETCH_ERRORS, labels)).as(key).isEqualTo(1.0);
        }
        String refused = "outcome=\"4xx\",service=\"mbc-patient-view\"";
        assertThat(after.value(DURATION + "_count", refused) - before.value(DURATION + "_count", refused)).isEqualTo(1.0);
    }

    @Test
    void aFhirServerAnsweringWithAServerErrorIsCountedAsHttp5xx() throws Exception {
        try (var server = new StatusServer(503)) {
            ObjectNode body = RequestBodies.patientView();
            ((ObjectNode) body.get("prefetch")).remove("medAdministrations");
            body.put("fhirServer", server.base());
            String labels = "kind=\"http_5xx\",prefetch_key=\"medAdministrations\"";
            Metrics before = Metrics.scrape();

            Http.ok(Http.post("mbc-patient-view", body));

            assertThat(Metrics.scrape().value(FETCH_ERRORS, labels) - before.value(FETCH_ERRORS, labels)).isEqualTo(1.0);
        }
    }

    @Test
    void everyServiceAndIndicatorHasACardSeriesFromTheStart() {
        Metrics metrics = Metrics.scrape();
        for (String service : new String[]{"mbc-patient-view", "mbc-order-select", "mbc-order-sign"}) {
            for (String indicator : new String[]{"info", "warning", "critical"}) {
                assertThat(metrics.has(CARDS, "indicator=\"" + indicator + "\",service=\"" + service + "\""))
                        .as(service + " " + indicator).isTrue();
            }
        }
    }

    @Test
    void anUnknownServiceIdNeverBecomesATagValue() {
        String id = "no-such-service-" + System.nanoTime();
        Http.error(Http.post(id, RequestBodies.patientView()), 404);
        Metrics after = Metrics.scrape();
        assertThat(after.text()).doesNotContain(id);
        assertThat(after.value(DURATION + "_count", "outcome=\"4xx\",service=\"unknown\"")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void noSeriesCarriesAHookInstanceOrAPatient() {
        ObjectNode body = RequestBodies.patientView();
        body.put("hookInstance", "hook-instance-not-a-tag-4711");
        ((ObjectNode) body.get("context")).put("patientId", "patient-not-a-tag-4711");
        Http.ok(Http.post("mbc-patient-view", body));
        String text = Metrics.scrape().text();
        assertThat(text).doesNotContain("4711");
    }
}
