package org.mbccds.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;

/**
 * Keeps Quarkus's HTTP server metrics to the paths this service has. Client authentication refuses requests before
 * they are matched to a resource, so a 401 carries the raw path as its uri tag: anyone could create a new series
 * (and memory in every replica and in Prometheus) per random path. Paths that are not ours become UNMATCHED.
 */
@ApplicationScoped
public class BoundedUriTags {
    static final String UNMATCHED = "UNMATCHED";
    private static final Set<String> KNOWN = Set.of("/cds-services", "/cds-services/{id}", "/cds-services/{id}/feedback",
            "/cds-services/{id}/feedback/report");

    @Produces
    @Singleton
    MeterFilter boundedUris() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String uri = id.getTag("uri");
                if (!id.getName().startsWith("http.server") || uri == null || !uri.startsWith("/") || KNOWN.contains(uri)
                        || uri.startsWith("/q/")) {
                    return id;
                }
                List<Tag> tags = id.getTags().stream()
                        .map(t -> t.getKey().equals("uri") ? Tag.of("uri", UNMATCHED) : t).toList();
                return id.replaceTags(tags);
            }
        };
    }
}
