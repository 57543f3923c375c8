package org.mbccds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.mbccds.cdshooks.CdsServiceResponse;
import org.mbccds.record.NotFhirException;
import org.mbccds.record.RecordTooLargeException;
import org.mbccds.record.RecordUnavailableException;
import org.mbccds.testing.Http;
import org.mbccds.testing.Json;
import org.mbccds.testing.RequestBodies;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5 robustness: the shared example requests (and the spec's and the sandbox's), damaged in every way the issue
 * names, {@value #DEFAULT_COUNT} times per build. Every answer must be a 2xx or a 4xx with a JSON body: never a 5xx,
 * never a hang.
 *
 * <p>Most calls go to the service's own JAX-RS resource bean in-process (the code path behind the HTTP layer, with
 * the application's exception mappers deciding the status), which is what keeps 10,000 calls inside a minute on a
 * loaded 2-core machine; every {@value #HTTP_EVERY}th call and every invalid-UTF-8 body go over real HTTP as raw
 * bytes, through the filters and the framework's own body handling.
 *
 * <p>Seeded: mutation i of seed s is the same on every machine. More: {@code -Drobustness.mutations=200000} (or the Maven
 * profile {@code -Pmutations}); another seed: {@code -Drobustness.seed=N}; one failure alone:
 * {@code -Drobustness.only=INDEX[,INDEX...]} with the seed it printed.
 */
@QuarkusTest
class MutationRobustnessTest {
    static final int DEFAULT_COUNT = 10_000;
    static final int HTTP_EVERY = 20;
    static final long DEFAULT_SEED = 20261206L;
    /** Far above any honest answer (the request budget is 2 s); only a hang gets near it. */
    static final Duration HANG = Duration.ofSeconds(30);

    @Inject
    CdsServicesResource resource;
    @Inject
    ObjectMapper mapper;
    @TestHTTPResource("/cds-services/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What one call answered. */
    record Answer(int status, boolean json, String detail, boolean overHttp) {
    }

    @Test
    void everyMutatedRequestIsAnswered2xxOr4xxWithJsonAndNeverHangs() throws Exception {
        int count = Integer.getInteger("robustness.mutations", DEFAULT_COUNT);
        long seed = Long.getLong("robustness.seed", DEFAULT_SEED);
        String only = System.getProperty("robustness.only", "");
        List<Integer> indexes = only.isBlank() ? IntStream.range(0, count).boxed().toList()
                : Arrays.stream(only.split(",")).map(String::trim).map(Integer::valueOf).toList();
        List<Mutator.SeedRequest> seeds = seeds();
        Mutator mutator = new Mutator(mapper, seed);

        Logger handlerLog = Logger.getLogger(CdsServiceHandler.class.getName());
        Level before = handlerLog.getLevel();
        // One INFO line per call is 10,000 lines of noise in the build log; warnings and errors still show.
        handlerLog.setLevel(Level.WARNING);
        Map<Integer, Long> running = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<Mutator.Category, Map<Integer, Integer>> statuses = new EnumMap<>(Mutator.Category.class);
        int overHttp = 0;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int index : indexes) {
                futures.add(pool.submit(() -> {
                    running.put(index, System.nanoTime());
                    try {
                        Mutator.Mutant m = mutator.mutate(index, seeds);
                        Answer a = m.needsRawHttp() || index % HTTP_EVERY == 0 ? overHttp(m) : inProcess(m);
                        if (a.status() >= 500 || a.status() < 200 || !a.json()) {
                            failures.add(m + "\n    -> HTTP " + a.status() + (a.overHttp() ? " (over HTTP)" : " (in-process)")
                                    + ", JSON body: " + a.json() + ", " + a.detail());
                        }
                        synchronized (statuses) {
                            statuses.computeIfAbsent(m.category(), c -> new TreeMap<>()).merge(a.status(), 1, Integer::sum);
                        }
                        return a;
                    } finally {
                        running.remove(index);
                    }
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                while (true) {
                    try {
                        if (futures.get(i).get(1, TimeUnit.SECONDS).overHttp()) {
                            overHttp++;
                        }
                        break;
                    } catch (TimeoutException e) {
                        long now = System.nanoTime();
                        running.forEach((idx, t) -> {
                            if (now - t > HANG.toNanos()) {
                                throw new AssertionError("HANG: mutation " + idx + " (seed " + seed + ", "
                                        + mutator.mutate(idx, seeds) + ") has run for more than " + HANG.toSeconds()
                                        + " s; reproduce with -Drobustness.seed=" + seed + " -Drobustness.only=" + idx);
                            }
                        });
                    }
                }
            }
        } finally {
            pool.shutdownNow();
            handlerLog.setLevel(before);
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.printf("Mutation robustness: %d mutations (seed %d, %d over HTTP) in %d s%n", indexes.size(), seed,
                overHttp, seconds);
        statuses.forEach((c, s) -> System.out.printf("  %-22s %s%n", c, s));

        List<String> shown = failures.stream().sorted().limit(25).toList();
        String reproduce = "reproduce with -Drobustness.seed=" + seed + " -Drobustness.only=" + failures.stream()
                .map(f -> f.substring("mutation ".length(), f.indexOf(' ', "mutation ".length()))).sorted()
                .limit(25).collect(Collectors.joining(","));
        assertThat(failures).as("%d of %d mutated requests were not a 2xx/4xx JSON answer; %s%n%s", failures.size(),
                indexes.size(), reproduce, String.join("\n", shown)).isEmpty();
        if (only.isBlank()) {
            // The suite means something only if every kind of damage was sent, some over HTTP, and the damage did not
            // all stop at the first check: some mutated requests still got cards, others a refusal.
            assertThat(statuses.keySet()).containsExactlyInAnyOrder(Mutator.Category.values());
            assertThat(overHttp).isGreaterThanOrEqualTo(indexes.size() / HTTP_EVERY);
            assertThat(statuses.values().stream().mapToInt(s -> s.getOrDefault(200, 0)).sum()).isGreaterThan(indexes.size() / 5);
            assertThat(statuses.values().stream().flatMap(s -> s.keySet().stream())).contains(400, 412, 413);
        }
    }

    /** The resource bean called as RESTEasy calls it; a refusal turned into its answer by the app's own mappers. */
    private Answer inProcess(Mutator.Mutant m) {
        try {
            CdsServiceResponse response = resource.call(m.service(), m.body());
            JsonNode written = mapper.readTree(mapper.writeValueAsBytes(response));
            boolean cards = written.path("cards").isArray();
            return new Answer(200, cards, cards ? "" : "no cards array", false);
        } catch (HookError e) {
            return mapped(new ErrorResponses.HookErrorMapper().toResponse(e));
        } catch (NotFhirException e) {
            return mapped(new ErrorResponses.NotFhirMapper().toResponse(e));
        } catch (RecordUnavailableException e) {
            return mapped(new ErrorResponses.RecordUnavailableMapper().toResponse(e));
        } catch (RecordTooLargeException e) {
            return mapped(new ErrorResponses.RecordTooLargeMapper().toResponse(e));
        } catch (Throwable e) {
            // Anything else reaches UnexpectedMapper: a 500.
            StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            StackTraceElement ours = Arrays.stream(e.getStackTrace()).filter(s -> s.getClassName().startsWith("org.mbccds"))
                    .findFirst().orElse(null);
            return new Answer(500, false, e.getClass().getName() + ": " + brief(String.valueOf(e.getMessage())) + " at " + at
                    + " (from " + ours + ")", false);
        }
    }

    private static Answer mapped(Response r) {
        boolean json = r.getEntity() instanceof ObjectNode o && "OperationOutcome".equals(o.path("resourceType").asText());
        return new Answer(r.getStatus(), json, json ? brief(((ObjectNode) r.getEntity()).path("issue").path(0)
                .path("diagnostics").asText()) : "entity " + r.getEntity(), false);
    }

    private Answer overHttp(Mutator.Mutant m) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + m.service())).timeout(HANG)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(m.body())).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        boolean json = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
        String detail = "";
        try {
            JsonNode body = Json.MAPPER.readTree(response.body());
            json &= body != null && body.isObject();
            detail = brief(body.path("issue").path(0).path("diagnostics").asText(""));
        } catch (IOException e) {
            json = false;
            detail = "body not JSON: " + brief(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return new Answer(response.statusCode(), json, detail, true);
    }

    private static String brief(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /**
     * The shared example requests (examples/), the spec's and the sandbox's captured requests, and the minimal bodies.
     * Each fhirServer is swapped for a loopback port where nothing listens, so a mutation that leaves keys to fetch
     * costs a refused connection, not a wait on a real host.
     */
    static List<Mutator.SeedRequest> seeds() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> shared = Files.list(Path.of("examples"))) {
            shared.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        try (Stream<Path> requests = Files.walk(Json.EXAMPLES.resolve("requests"))) {
            requests.filter(p -> p.toString().endsWith(".json") && !p.toString().contains("headers")
                    && !p.toString().contains("jwks")).sorted().forEach(files::add);
        }
        String closed = "http://127.0.0.1:" + Http.closedPort();
        List<Mutator.SeedRequest> seeds = new ArrayList<>();
        for (Path f : files) {
            ObjectNode body = (ObjectNode) Json.MAPPER.readTree(f.toFile());
            if (!body.has("hook") && body.has("context")) {
                // The docs' context-only examples: wrapped as the order-select call they illustrate, without prefetch.
                body.put("hook", "order-select");
                body.put("hookInstance", "3f4c6f2e-0000-4000-8000-" + String.format("%012d", seeds.size()));
            }
            if (body.has("fhirServer")) {
                body.put("fhirServer", closed);
            }
            seeds.add(new Mutator.SeedRequest(f.getFileName().toString(), "mbc-" + body.path("hook").asText(), body));
        }
        seeds.add(new Mutator.SeedRequest("RequestBodies.patientView", "mbc-patient-view", RequestBodies.patientView()));
        seeds.add(new Mutator.SeedRequest("RequestBodies.orderSelect", "mbc-order-select", RequestBodies.orderSelect()));
        seeds.add(new Mutator.SeedRequest("RequestBodies.orderSign", "mbc-order-sign", RequestBodies.orderSign()));
        assertThat(seeds).hasSizeGreaterThanOrEqualTo(10);
        return seeds;
    }
}
