package org.mbccds.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A small real FHIR R4 server on loopback (JDK HttpServer, port chosen by the OS) serving the resources of an example
 * Bundle: reads ({@code Patient/{id}}, {@code Medication/{id}}) and searches ({@code Condition?patient=...}) answered
 * with searchset Bundles filtered by resource type, patient, {@code code} and {@code _include=...:medication}. It
 * records every request (path, Authorization header, how many ran at once) and can misbehave on demand.
 */
public final class FakeFhirServer implements AutoCloseable {

    /** How the server answers every request. */
    public enum Mode {
        /** FHIR as it should be. */
        NORMAL,
        /** 401 with an OperationOutcome, as a server that refuses the token. */
        UNAUTHORIZED,
        /** 200 with an HTML page. */
        NOT_JSON,
        /** 200 with JSON that is not FHIR (no resourceType). */
        NOT_FHIR_JSON,
        /** 200 with a resourceType FHIR R4 does not have. */
        UNKNOWN_RESOURCE_TYPE,
        /** Never answers (until the server is closed). */
        HANG
    }

    private static final String BASE_PATH = "/fhir";

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<ObjectNode> resources = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> requestsByType = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Mode mode = Mode.NORMAL;
    private volatile long delayMillis;

    private FakeFhirServer(List<ObjectNode> resources) throws IOException {
        this.resources.addAll(resources);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        // One thread per request: the server must never be the reason queries run one after another.
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-fhir-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(BASE_PATH, this::handle);
        server.start();
    }

    /** Serves the resources of an example Bundle (path under src/test/resources/examples). */
    public static FakeFhirServer serving(String exampleBundle) {
        try {
            return new FakeFhirServer(Json.bundleResources(exampleBundle));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH);
    }

    public FakeFhirServer mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    /** Every request waits this long before it is answered. */
    public FakeFhirServer delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    public FakeFhirServer add(ObjectNode resource) {
        resources.add(resource);
        return this;
    }

    /** Requests per resource type ("Condition", "Medication"), counting reads and searches. */
    public int requests(String resourceType) {
        AtomicInteger n = requestsByType.get(resourceType);
        return n == null ? 0 : n.get();
    }

    /** Every request as a URL relative to the base, in arrival order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public Map<String, Integer> requestCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        requestsByType.forEach((type, n) -> counts.put(type, n.get()));
        return counts;
    }

    /** The Authorization header of every request ("" when absent). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** The most requests that were being served at the same moment. */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    /**
     * What this server answers in NORMAL mode for a URL relative to its base, or null for "not found". Tests build
     * prefetch from it, so prefetched and fetched data are the same (spec §1.4 P-4).
     */
    public JsonNode answer(String relative) {
        int q = relative.indexOf('?');
        String path = q < 0 ? relative : relative.substring(0, q);
        Map<String, String> params = params(q < 0 ? "" : relative.substring(q + 1));
        String[] segments = path.split("/");
        if (segments.length == 2) {
            return resources.stream().filter(r -> segments[0].equals(type(r)) && segments[1].equals(r.path("id").asText()))
                    .findFirst().<JsonNode>map(ObjectNode::deepCopy).orElse(null);
        }
        if (segments.length != 1 || segments[0].isEmpty()) {
            return null;
        }
        String type = segments[0];
        List<ObjectNode> matches = new ArrayList<>();
        for (ObjectNode r : resources) {
            if (type.equals(type(r)) && forPatient(r, params.get("patient")) && hasCode(r, params.get("code"))) {
                matches.add(r);
            }
        }
        ObjectNode bundle = Json.searchset(matches);
        String include = params.getOrDefault("_include", "");
        if (include.endsWith(":medication")) {
            Set<String> referenced = matches.stream().map(r -> r.path("medicationReference").path("reference").asText(""))
                    .filter(ref -> ref.startsWith("Medication/")).collect(Collectors.toSet());
            for (ObjectNode r : resources) {
                if ("Medication".equals(type(r)) && referenced.contains("Medication/" + r.path("id").asText())) {
                    ObjectNode entry = bundle.withArray("entry").addObject();
                    entry.set("resource", r.deepCopy());
                    entry.putObject("search").put("mode", "include");
                }
            }
        }
        return bundle;
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            URI uri = exchange.getRequestURI();
            String relative = uri.getRawPath().substring(BASE_PATH.length()).replaceFirst("^/", "")
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            requests.add(relative);
            requestsByType.computeIfAbsent(relative.split("[/?]")[0], k -> new AtomicInteger()).incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "" : authorization);
            if (delayMillis > 0 && closing.await(delayMillis, TimeUnit.MILLISECONDS)) {
                return;
            }
            Mode m = mode;
            if (m == Mode.HANG) {
                closing.await(30, TimeUnit.SECONDS);
            } else if (m == Mode.UNAUTHORIZED) {
                send(exchange, 401, "application/fhir+json", Json.operationOutcome("Invalid or expired token").toString());
            } else if (m == Mode.NOT_JSON) {
                send(exchange, 200, "text/html", "<html><body><h1>Welcome to nginx!</h1></body></html>");
            } else if (m == Mode.NOT_FHIR_JSON) {
                send(exchange, 200, "application/json", "{\"status\":\"ok\",\"data\":[1,2,3]}");
            } else if (m == Mode.UNKNOWN_RESOURCE_TYPE) {
                send(exchange, 200, "application/fhir+json", "{\"resourceType\":\"Foo\",\"id\":\"1\"}");
            } else {
                JsonNode answer = answer(relative);
                if (answer == null) {
                    send(exchange, 404, "application/fhir+json", Json.operationOutcome("Resource " + relative
                            + " is not known").toString());
                } else {
                    send(exchange, 200, "application/fhir+json", answer.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // The client gave up (timeout): nothing to answer to.
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    private static String type(JsonNode resource) {
        return resource.path("resourceType").asText();
    }

    private static boolean forPatient(JsonNode r, String patient) {
        if (patient == null) {
            return true;
        }
        String wanted = patient.startsWith("Patient/") ? patient : "Patient/" + patient;
        String subject = r.path("subject").path("reference").asText(r.path("patient").path("reference").asText(""));
        return subject.equals(wanted) || subject.endsWith("/" + wanted);
    }

    private static boolean hasCode(JsonNode r, String codes) {
        if (codes == null || codes.isEmpty()) {
            return true;
        }
        Set<String> wanted = Arrays.stream(codes.split(",")).map(c -> c.substring(c.indexOf('|') + 1))
                .collect(Collectors.toSet());
        for (JsonNode coding : r.path("code").path("coding")) {
            if (wanted.contains(coding.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
