package org.mbccds.hooks.auth;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;
import java.util.Set;

/**
 * Authentication on, trusting only the real CDS Hooks sandbox with the JWKS this project ships, the clock at the time
 * the sandbox tokens were captured and the public base URL they were sent to.
 */
public class SandboxAtCaptureTimeProfile implements QuarkusTestProfile {
    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(CapturedTimeClock.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "%test.mbc.auth.enabled", "true",
                "mbc.auth.enabled", "true",
                "mbc.public-base-url", "http://127.0.0.1:8082",
                "mbc.auth.issuers.sandbox.issuer", TestClients.SANDBOX,
                "mbc.auth.issuers.sandbox.jwks", "classpath:sandbox-jwks.json",
                "mbc.auth.issuers.sandbox.jku", TestClients.SANDBOX_JKU);
    }
}
