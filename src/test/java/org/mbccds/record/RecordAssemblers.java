package org.mbccds.record;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;

/** Builds a {@link RecordAssembler} without CDI, for benchmarks and in-process tests (delegates to RecordAssembler.standalone). */
public final class RecordAssemblers {
    private RecordAssemblers() {
    }

    public static RecordAssembler create(PrefetchCatalog catalog, FhirContext fhirContext, ObjectMapper mapper) {
        RecordConfig config = new RecordConfig() {
            @Override
            public Duration queryTimeout() {
                return Duration.ofMillis(1500);
            }

            @Override
            public int maxPages() {
                return 10;
            }
        };
        return RecordAssembler.standalone(catalog, fhirContext, mapper, config);
    }
}
