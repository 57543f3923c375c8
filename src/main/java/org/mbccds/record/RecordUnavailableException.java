package org.mbccds.record;

import java.util.List;

/** Required data is neither in the prefetch nor readable from a FHIR server: the protocol's 412 (spec §1.4). */
public class RecordUnavailableException extends RuntimeException {
    private final List<String> missingKeys;

    public RecordUnavailableException(List<String> missingKeys) {
        this(missingKeys, "Prefetch keys " + missingKeys + " are missing and the request names no fhirServer to read them from");
    }

    /** @param message names the keys and why they could not be read; never patient data or the token */
    public RecordUnavailableException(List<String> missingKeys, String message) {
        super(message);
        this.missingKeys = List.copyOf(missingKeys);
    }

    public List<String> missingKeys() {
        return missingKeys;
    }
}
