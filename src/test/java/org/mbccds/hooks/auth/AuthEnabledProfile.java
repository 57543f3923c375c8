package org.mbccds.hooks.auth;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Authentication on, as in production, with test clients whose JWKS files the test writes (and the real sandbox). */
public class AuthEnabledProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                // application.properties switches authentication off with %test.mbc.auth.enabled=false, and a
                // profile-specific key wins over the plain one whatever its source: override that key.
                Map.entry("%test.mbc.auth.enabled", "true"),
                Map.entry("mbc.auth.enabled", "true"),
                Map.entry("mbc.auth.issuers.ehr.issuer", TestClients.EHR),
                Map.entry("mbc.auth.issuers.ehr.jwks", TestClients.writeJwks("ehr", TestClients.EHR_KID)),
                Map.entry("mbc.auth.issuers.ehr.jku", TestClients.EHR_JKU),
                Map.entry("mbc.auth.issuers.epic.issuer", TestClients.EPIC),
                Map.entry("mbc.auth.issuers.epic.jwks", TestClients.writeJwks("epic", TestClients.EPIC_KID)),
                Map.entry("mbc.auth.issuers.epic.jku", TestClients.EPIC_JKU),
                Map.entry("mbc.auth.issuers.multi.issuer", TestClients.MULTI),
                Map.entry("mbc.auth.issuers.multi.jwks", TestClients.writeJwks("multi", TestClients.MULTI_KID)),
                Map.entry("mbc.auth.issuers.multi.tenants", "tenant-a,tenant-b"),
                // The real sandbox, to show that its captured (expired) tokens are refused on time.
                Map.entry("mbc.auth.issuers.sandbox.issuer", TestClients.SANDBOX),
                Map.entry("mbc.auth.issuers.sandbox.jwks", "classpath:sandbox-jwks.json"),
                Map.entry("mbc.auth.issuers.sandbox.jku", TestClients.SANDBOX_JKU));
    }
}
