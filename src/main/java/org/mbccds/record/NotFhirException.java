package org.mbccds.record;

/** A prefetch or context value that is not a FHIR R4 resource. The message names the key and never echoes data. */
public class NotFhirException extends RuntimeException {
    private final String key;

    public NotFhirException(String key, String reason) {
        super("'" + key + "' is not a FHIR R4 resource: " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
