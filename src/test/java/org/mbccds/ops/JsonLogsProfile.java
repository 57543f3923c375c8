package org.mbccds.ops;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** JSON console logs, as in the prod profile. */
public class JsonLogsProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mbc.log.json", "true");
    }
}
