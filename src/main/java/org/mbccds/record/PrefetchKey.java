package org.mbccds.record;

/**
 * One prefetch template and what to do when the client did not fill it. {@link MissingPolicy#REQUIRED} keys without a
 * FHIR server to fall back on make the call fail with 412 (we must not advise on a record we could not see);
 * {@link MissingPolicy#GAP} keys are reported as a data gap on the cards instead.
 */
public record PrefetchKey(String name, String resourceType, String template, MissingPolicy missingPolicy) {
    public enum MissingPolicy { REQUIRED, GAP }
}
