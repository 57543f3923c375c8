package org.mbccds.knowledge;

/** A rule that cannot be loaded; the loader adds the file and rule id. */
class RuleException extends RuntimeException {
    RuleException(String message) {
        super(message);
    }
}
