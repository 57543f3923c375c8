package org.mbccds.hooks.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The allowlist of CDS clients, by iss. Built once at start-up; a bad entry stops boot with the key to fix. */
final class TrustedIssuers {

    record Issuer(String name, String iss, IssuerKeys keys, Set<String> jku, Optional<Set<String>> tenants) {
    }

    private final Map<String, Issuer> byIss;

    TrustedIssuers(Collection<Issuer> issuers) {
        Map<String, Issuer> map = new LinkedHashMap<>();
        for (Issuer issuer : issuers) {
            Issuer previous = map.putIfAbsent(issuer.iss(), issuer);
            if (previous != null) {
                throw new IllegalStateException("mbc.auth.issuers." + previous.name() + " and mbc.auth.issuers."
                        + issuer.name() + " have the same issuer " + issuer.iss());
            }
        }
        this.byIss = Map.copyOf(map);
    }

    static TrustedIssuers from(AuthConfig config, Clock clock) {
        Duration refresh = config.jwksRefreshInterval();
        List<Issuer> issuers = new TreeMap<>(config.issuers()).entrySet().stream().map(e -> {
            String key = "mbc.auth.issuers." + e.getKey();
            AuthConfig.Issuer c = e.getValue();
            if (c.issuer().isBlank()) {
                throw new IllegalStateException(key + ".issuer is empty");
            }
            JwksSource source;
            try {
                source = JwksSource.of(c.jwks().trim(), config.jwksTimeout());
            } catch (RuntimeException ex) {
                throw new IllegalStateException(key + ".jwks: " + ex.getMessage(), ex);
            }
            return new Issuer(e.getKey(), c.issuer(), new IssuerKeys(source, clock, refresh),
                    Set.copyOf(c.jku().orElse(List.of())), c.tenants().map(Set::copyOf));
        }).toList();
        return new TrustedIssuers(issuers);
    }

    Optional<Issuer> byIss(String iss) {
        return iss == null ? Optional.empty() : Optional.ofNullable(byIss.get(iss));
    }

    Collection<Issuer> all() {
        return byIss.values();
    }
}
