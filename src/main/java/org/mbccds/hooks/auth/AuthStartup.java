package org.mbccds.hooks.auth;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Builds the issuer allowlist at start-up (a bad JWKS file stops boot) and says plainly what is trusted. */
@ApplicationScoped
class AuthStartup {
    private static final Logger LOG = Logger.getLogger(AuthStartup.class);
    static final String SANDBOX_ISSUER = "https://sandbox.cds-hooks.org";

    void onStart(@Observes StartupEvent event, AuthConfig config, PublicUrlConfig urls, ClientTokenVerifier verifier) {
        if (!config.enabled()) {
            LOG.warn("CDS client authentication is OFF (mbc.auth.enabled=false): anyone who reaches /cds-services can"
                    + " call it. Meant for the dev and test profiles only.");
            return;
        }
        if (verifier.issuers().isEmpty()) {
            LOG.warn("No trusted CDS client is configured (mbc.auth.issuers.<name>.issuer and .jwks): every call to"
                    + " /cds-services will be refused with 401. See README, Authentication.");
        }
        for (TrustedIssuers.Issuer issuer : verifier.issuers()) {
            LOG.infof("Trusting CDS client '%s': iss=%s jwks=%s jku=%s tenants=%s", issuer.name(), issuer.iss(),
                    issuer.keys().source().location(), issuer.jku(), issuer.tenants().map(Object::toString).orElse("any"));
            if (issuer.iss().startsWith(SANDBOX_ISSUER) && LaunchMode.current() == LaunchMode.NORMAL) {
                LOG.warnf("CDS client '%s' is the public CDS Hooks sandbox: its private key is published, so its tokens"
                        + " prove nothing. Do not trust it in production.", issuer.name());
            }
            if (issuer.keys().source().location().toLowerCase(java.util.Locale.ROOT).startsWith("http://")) {
                LOG.warnf("CDS client '%s' keys are fetched over plain http: anyone on the path can swap them; use https",
                        issuer.name());
            }
        }
        if (urls.publicBaseUrl().isEmpty() && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("mbc.public-base-url is not set: a token's aud is checked against the URL of each request as"
                    + " received (its Host header and scheme). Set it to the URL the EHR calls, e.g. https://cds.example.org.");
        }
    }
}
