package org.mbccds.knowledge;

import org.mbccds.clinical.Evidence;

import java.util.List;
import java.util.Optional;

/**
 * One condition of a rule's {@code when:}. Returns the evidence that makes it hold, or empty when it does not, so
 * a card can say which facts made a rule fire (or ruled an option out).
 */
@FunctionalInterface
interface Criterion {
    Optional<List<Evidence>> test(Facts facts);

    static Optional<List<Evidence>> holds(List<Evidence> because) {
        return Optional.of(because);
    }

    static Optional<List<Evidence>> holdsIf(boolean condition, List<Evidence> because) {
        return condition ? Optional.of(because) : Optional.empty();
    }
}
