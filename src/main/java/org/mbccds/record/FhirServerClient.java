package org.mbccds.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Resource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads from the EHR's FHIR server with the bearer token the client lent us. Non-blocking (JDK HttpClient), so all
 * missing prefetch keys are read at once; every query stops at its timeout or the request deadline, whichever
 * comes first. Failures come back as values, never exceptions: a slow or broken server must only cost us the data
 * it holds.
 */
@ApplicationScoped
class FhirServerClient {

    /** The outcome of one search or read. */
    sealed interface Fetch permits Fetched, Failed {
    }

    /** Resources read; notes say what was read only in part, partialFailure why a later page could not be read. */
    record Fetched(List<Resource> resources, List<String> notes, Optional<FetchFailure.Kind> partialFailure)
            implements Fetch {
        Fetched(List<Resource> resources, List<String> notes) {
            this(resources, notes, Optional.empty());
        }
    }

    record Failed(String reason, FetchFailure.Kind kind) implements Fetch {
    }

    private record Page(List<Resource> resources, List<String> notes, Optional<String> next) {
    }

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final ResourceReader reader;
    private final RecordConfig config;

    FhirServerClient(ObjectMapper mapper, ca.uhn.fhir.context.FhirContext fhirContext, RecordConfig config) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.queryTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.mapper = mapper;
        this.reader = new ResourceReader(fhirContext);
        this.config = config;
    }

    /** A read or a search (all pages, up to the configured limit). */
    CompletableFuture<Fetch> get(URI base, String relative, Optional<String> token, Instant deadline) {
        return collect(base, resolve(base, relative), token, deadline, List.of(), List.of(), 1);
    }

    /** The remaining pages of a paged prefetch Bundle, from its next link. */
    CompletableFuture<Fetch> nextPages(URI base, String nextUrl, Optional<String> token, Instant deadline) {
        if (!sameServer(base, nextUrl)) {
            // Never send the EHR's token to a host the EHR did not name as its FHIR server.
            return CompletableFuture.completedFuture(new Failed("a next-page link points outside the FHIR server",
                    FetchFailure.Kind.FOREIGN_LINK));
        }
        return collect(base, URI.create(nextUrl), token, deadline, List.of(), List.of(), 2);
    }

    private CompletableFuture<Fetch> collect(URI base, URI url, Optional<String> token, Instant deadline,
                                             List<Resource> acc, List<String> notes, int pageNo) {
        return fetchPage(url, token, deadline).exceptionally(FhirServerClient::describe).thenCompose(result -> {
            if (!(result instanceof Page page)) {
                return CompletableFuture.completedFuture(partial(acc, notes, (Failed) result));
            }
            List<Resource> resources = new ArrayList<>(acc);
            resources.addAll(page.resources());
            List<String> allNotes = new ArrayList<>(notes);
            allNotes.addAll(page.notes());
            if (page.next().isEmpty()) {
                return CompletableFuture.completedFuture(new Fetched(resources, allNotes));
            }
            if (pageNo >= config.maxPages() || !sameServer(base, page.next().get())) {
                allNotes.add("only the first " + pageNo + " pages were read");
                return CompletableFuture.completedFuture(new Fetched(resources, allNotes));
            }
            return collect(base, URI.create(page.next().get()), token, deadline, resources, allNotes, pageNo + 1);
        });
    }

    /** Completes with a Page or a Failed. */
    private CompletableFuture<Object> fetchPage(URI url, Optional<String> token, Instant deadline) {
        Duration remaining = Duration.between(Instant.now(), deadline);
        Duration timeout = remaining.compareTo(config.queryTimeout()) < 0 ? remaining : config.queryTimeout();
        if (timeout.toMillis() <= 0) {
            return CompletableFuture.completedFuture(new Failed("the request budget ran out before the FHIR server was read",
                    FetchFailure.Kind.TIMEOUT));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Accept", "application/fhir+json, application/json").GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .orTimeout(timeout.toMillis() + 50, TimeUnit.MILLISECONDS)
                .thenApply(this::interpret);
    }

    private Object interpret(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            return new Failed("the FHIR server refused access (HTTP " + status + ")", FetchFailure.Kind.ACCESS_DENIED);
        }
        if (status < 200 || status >= 300) {
            FetchFailure.Kind kind = status >= 500 ? FetchFailure.Kind.HTTP_5XX
                    : status >= 400 ? FetchFailure.Kind.HTTP_4XX : FetchFailure.Kind.OTHER;
            return new Failed("the FHIR server answered HTTP " + status, kind);
        }
        JsonNode body;
        try {
            body = mapper.readTree(response.body());
        } catch (IOException e) {
            return new Failed("the FHIR server's answer was not JSON", FetchFailure.Kind.UNREADABLE);
        }
        try {
            ResourceReader.Value value = reader.read("fhirServer response", body);
            if (value instanceof ResourceReader.Outcome o) {
                return new Failed("the FHIR server reported: " + o.summary(), FetchFailure.Kind.UNREADABLE);
            }
            if (value instanceof ResourceReader.Resources r) {
                return new Page(r.resources(),
                        r.skipped().stream().map(s -> s + " could not be read as FHIR R4").toList(), r.nextPage());
            }
            return new Page(List.of(), List.of(), Optional.empty());
        } catch (NotFhirException e) {
            return new Failed("the FHIR server's answer was not FHIR R4", FetchFailure.Kind.UNREADABLE);
        }
    }

    private static Fetch partial(List<Resource> acc, List<String> notes, Failed failure) {
        if (acc.isEmpty()) {
            return failure;
        }
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.add("read in part: " + failure.reason());
        return new Fetched(acc, allNotes, Optional.of(failure.kind()));
    }

    private static Failed describe(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof java.net.http.HttpTimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return new Failed("the FHIR server did not answer in time", FetchFailure.Kind.TIMEOUT);
        }
        if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
                || cause instanceof javax.net.ssl.SSLException) {
            return new Failed("the FHIR server could not be reached", FetchFailure.Kind.UNREACHABLE);
        }
        return new Failed("the FHIR server could not be read (" + cause.getClass().getSimpleName() + ")",
                FetchFailure.Kind.OTHER);
    }

    static URI resolve(URI base, String relative) {
        String b = base.toString();
        return URI.create(b.endsWith("/") ? b + relative : b + "/" + relative);
    }

    private static boolean sameServer(URI base, String url) {
        try {
            URI u = URI.create(url);
            return base.getScheme().equalsIgnoreCase(u.getScheme()) && base.getHost().equalsIgnoreCase(u.getHost())
                    && base.getPort() == u.getPort();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
