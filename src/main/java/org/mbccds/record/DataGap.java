package org.mbccds.record;

import java.util.Optional;

/**
 * Data that could not be read, said on the cards so nobody mistakes "not read" for "not there".
 *
 * @param requiredKey  the REQUIRED prefetch key this gap leaves unread (the FHIR server failed for it) or read only in
 *                     part (over mbc.limits.max-resources), if any: without it, no metastatic disease found cannot
 *                     be told from none recorded
 * @param fetchFailure when a FHIR server read failed: which key and why, in words operations can count
 */
public record DataGap(String what, String reason, Optional<String> requiredKey, Optional<FetchFailure> fetchFailure) {
    public DataGap(String what, String reason) {
        this(what, reason, Optional.empty(), Optional.empty());
    }

    public DataGap(String what, String reason, Optional<String> requiredKey) {
        this(what, reason, requiredKey, Optional.empty());
    }
}
