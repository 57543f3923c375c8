package org.mbccds.hooks.auth;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

@ConfigMapping(prefix = "mbc")
public interface PublicUrlConfig {
    /**
     * The URL clients call, without {@code /cds-services} (e.g. {@code https://cds.example.org}): a token's {@code aud}
     * must be this plus the endpoint's path. Unset: the request's own scheme://host:port, which follows the Host header,
     * so set it in production (and always behind a TLS-terminating proxy).
     */
    Optional<String> publicBaseUrl();
}
