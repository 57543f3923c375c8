package org.mbccds.hooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.mbccds.cdshooks.Card;
import org.mbccds.cdshooks.Indicator;
import org.mbccds.record.DataGap;
import org.mbccds.record.FetchFailure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's own Prometheus series (README, Operations). Tags come from small fixed sets only (service id, status
 * class, indicator, failure kind, prefetch key), never from the patient or the hookInstance, so the number of series
 * stays bounded whatever the traffic. The clinical packages know nothing of this: the hooks layer reports what it
 * already has in hand.
 */
@ApplicationScoped
@Startup
public class HookMetrics {
    static final String DURATION = "mbc.hook.duration";
    static final String CARDS = "mbc.hook.cards";
    static final String FETCH_ERRORS = "mbc.fhir.fetch.errors";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public HookMetrics(MeterRegistry registry, ServiceCatalog catalog) {
        this.registry = registry;
        // Every service/indicator pair exists from the start at 0, so rate() and absence alerts work before the
        // first critical card rather than from it.
        for (ServiceCatalog.Service service : catalog.all()) {
            for (Indicator indicator : Indicator.values()) {
                cardCounter(service.id(), indicator);
            }
        }
    }

    /** One answered (or refused) call to a service, with its HTTP status. */
    void called(String service, int status, long nanos) {
        String outcome = (status / 100) + "xx";
        timers.computeIfAbsent(service + ' ' + outcome, k -> Timer.builder(DURATION)
                .description("Time to answer a CDS Hooks service call, from request to response")
                .tag("service", service)
                .tag("outcome", outcome)
                // Buckets for latency SLOs and histogram_quantile across replicas; bounded so a timer is ~40 series.
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void cards(String service, List<Card> cards) {
        for (Card card : cards) {
            Indicator indicator = card.indicator() == null ? Indicator.INFO : card.indicator();
            cardCounter(service, indicator).increment();
        }
    }

    private Counter cardCounter(String service, Indicator indicator) {
        return counters.computeIfAbsent("c " + service + ' ' + indicator.json(), k -> Counter.builder(CARDS)
                .description("Cards returned, by service and indicator")
                .tag("service", service)
                .tag("indicator", indicator.json())
                .register(registry));
    }

    /** The FHIR server reads that failed while the record was assembled (the gaps the cards will name). */
    void fetchFailures(List<DataGap> gaps) {
        for (DataGap gap : gaps) {
            gap.fetchFailure().ifPresent(this::fetchFailure);
        }
    }

    private void fetchFailure(FetchFailure failure) {
        counters.computeIfAbsent("f " + failure.source() + ' ' + failure.kind(), k -> Counter.builder(FETCH_ERRORS)
                .description("Failed reads from the EHR's FHIR server, by kind and prefetch key")
                .tag("kind", failure.kind().tag())
                .tag("prefetch_key", failure.source())
                .register(registry)).increment();
    }
}
