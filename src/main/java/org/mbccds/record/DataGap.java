package org.mbccds.record;

import java.util.Optional;

/**
 * Data that could not be read, said on the cards so nobody mistakes "not read" for "not there".
 *
 * @param requiredKey the REQUIRED prefetch key this gap leaves entirely unread (the FHIR server failed for it), if any
 */
public record DataGap(String what, String reason, Optional<String> requiredKey) {
    public DataGap(String what, String reason) {
        this(what, reason, Optional.empty());
    }
}
