package org.mbccds.record;

import java.util.List;

/** Required data is neither in the prefetch nor readable from a FHIR server: the protocol's 412. */
public class RecordUnavailableException extends RuntimeException {
    private final List<String> missingKeys;

    public RecordUnavailableException(List<String> missingKeys) {
        super("Prefetch keys " + missingKeys + " are missing and the request names no fhirServer to read them from");
        this.missingKeys = List.copyOf(missingKeys);
    }

    public List<String> missingKeys() {
        return missingKeys;
    }
}
