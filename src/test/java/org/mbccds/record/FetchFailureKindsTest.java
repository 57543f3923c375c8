package org.mbccds.record;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mbccds.terminology.Terminology;
import org.mbccds.testing.Http;
import org.mbccds.testing.Json;
import org.mbccds.testing.RequestBodies;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way a FHIR server read can fail is classified on its data gap (what the fetch-error metric counts), with
 * the prefetch key it was for. medAdministrations is the key read; the others are sent as "no data".
 */
class FetchFailureKindsTest {
    private static RecordAssembler assembler;
    private HttpServer server;

    @BeforeAll
    static void assembler() {
        FhirContext fhir = FhirContext.forR4();
        PrefetchCatalog catalog = new PrefetchCatalog(Terminology.load(Path.of("fhir-profiles"), fhir));
        assembler = RecordAssemblers.create(catalog, fhir, Json.MAPPER);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int status, String contentType, String body, long delayMs) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir");
    }

    private static List<FetchFailure> failures(URI fhirServer, long budgetMs) {
        Map<String, JsonNode> prefetch = new LinkedHashMap<>();
        RequestBodies.KEYS.stream().filter(k -> !k.equals("medAdministrations")).forEach(k -> prefetch.put(k, NullNode.instance));
        PatientRecord record = assembler.assemble(new RecordRequest("p1", Optional.of(fhirServer), Optional.of("token"),
                prefetch, Optional.empty(), List.of(), Instant.now().plusMillis(budgetMs)));
        return record.gaps().stream().flatMap(g -> g.fetchFailure().stream()).toList();
    }

    private static FetchFailure medAdministrations(FetchFailure.Kind kind) {
        return new FetchFailure("medAdministrations", kind);
    }

    @Test
    void refusedAccess() throws IOException {
        assertThat(failures(serve(401, "application/json", "{}", 0), 2000))
                .containsExactly(medAdministrations(FetchFailure.Kind.ACCESS_DENIED));
    }

    @Test
    void clientAndServerErrors() throws IOException {
        assertThat(failures(serve(404, "text/plain", "no", 0), 2000))
                .containsExactly(medAdministrations(FetchFailure.Kind.HTTP_4XX));
        server.stop(0);
        assertThat(failures(serve(502, "text/plain", "bad gateway", 0), 2000))
                .containsExactly(medAdministrations(FetchFailure.Kind.HTTP_5XX));
    }

    @Test
    void answersThatAreNotTheData() throws IOException {
        assertThat(failures(serve(200, "text/html", "<html>login</html>", 0), 2000))
                .containsExactly(medAdministrations(FetchFailure.Kind.UNREADABLE));
        server.stop(0);
        String outcome = Json.operationOutcome("search failed").toString();
        assertThat(failures(serve(200, "application/fhir+json", outcome, 0), 2000))
                .containsExactly(medAdministrations(FetchFailure.Kind.UNREADABLE));
    }

    @Test
    void noServerAndASlowServer() throws IOException {
        assertThat(failures(URI.create("http://127.0.0.1:" + Http.closedPort() + "/fhir"), 2000))
                .containsExactly(medAdministrations(FetchFailure.Kind.UNREACHABLE));
        assertThat(failures(serve(200, "application/fhir+json", "{}", 3000), 300))
                .containsExactly(medAdministrations(FetchFailure.Kind.TIMEOUT));
    }

    @Test
    void aSuccessfulReadIsNoFailure() throws IOException {
        String empty = Json.searchset(List.of()).toString();
        assertThat(failures(serve(200, "application/fhir+json", empty, 0), 2000)).isEmpty();
    }
}
