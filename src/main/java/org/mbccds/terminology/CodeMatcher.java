package org.mbccds.terminology;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Membership test for one expanded ValueSet: explicit codes, regex filters on normalised codes (ICD-10 ranges),
 * minus the excluded codes. Immutable; built once at start-up.
 */
public final class CodeMatcher {
    record RegexFilter(String system, Pattern pattern) {
    }

    private final String valueSetId;
    private final Set<Code> codes;
    private final List<RegexFilter> filters;
    private final Set<Code> excluded;
    private final SystemAliases aliases;

    CodeMatcher(String valueSetId, Set<Code> codes, List<RegexFilter> filters, Set<Code> excluded, SystemAliases aliases) {
        this.valueSetId = valueSetId;
        this.codes = Set.copyOf(codes);
        this.filters = List.copyOf(filters);
        this.excluded = Set.copyOf(excluded);
        this.aliases = aliases;
    }

    public String valueSetId() {
        return valueSetId;
    }

    /** True when the coding (system as sent by any client, code as written) is in the set. */
    public boolean contains(String system, String code) {
        if (system == null || code == null) {
            return false;
        }
        Code normalised = aliases.normalise(system, code);
        if (excluded.contains(normalised)) {
            return false;
        }
        if (codes.contains(normalised)) {
            return true;
        }
        for (RegexFilter f : filters) {
            if (f.system().equals(normalised.system()) && f.pattern().matcher(normalised.code()).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The explicit codes (filters excluded), for building prefetch queries. */
    public Set<Code> explicitCodes() {
        return codes;
    }

    /** First coding of a list that is in the set, as (system, code) pairs. */
    public <T> Optional<T> firstMatch(List<T> codings, java.util.function.Function<T, String> system,
                                      java.util.function.Function<T, String> code) {
        for (T c : codings) {
            if (contains(system.apply(c), code.apply(c))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
