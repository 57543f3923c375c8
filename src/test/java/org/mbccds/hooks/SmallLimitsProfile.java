package org.mbccds.hooks;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Limits small enough to cross with a test-sized request; the defaults are the same code with bigger numbers. */
public class SmallLimitsProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        // Quarkus's own backstop stays at the test profile's 12M, far above 64K: every oversized body here is ours.
        return Map.of("mbc.limits.max-body-size", "64K",
                "mbc.limits.max-resources", "20",
                "mbc.limits.max-nesting-depth", "40",
                "mbc.hooks.request-budget", "400ms",
                "mbc.fhir.query-timeout", "5s");
    }
}
