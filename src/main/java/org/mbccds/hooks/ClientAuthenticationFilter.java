package org.mbccds.hooks;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.mbccds.hooks.auth.AuthConfig;
import org.mbccds.hooks.auth.AuthenticationFailure;
import org.mbccds.hooks.auth.ClientTokenVerifier;
import org.mbccds.hooks.auth.PublicUrlConfig;
import org.mbccds.hooks.auth.VerifiedClient;

import java.net.URI;
import java.util.Optional;

/**
 * CDS client authentication on every REST call (discovery, services, feedback, and anything else under this
 * application's REST paths; Quarkus's /q/ endpoints are not REST resources and stay open). Pre-matching, so an
 * unauthenticated caller learns nothing about which paths exist. OPTIONS passes: browsers send CORS preflights
 * without credentials (Quarkus's CORS filter answers them before they get here).
 * <p>
 * Every refusal is the same 401 with {@code WWW-Authenticate: Bearer}; the log says why, never with the token.
 */
public class ClientAuthenticationFilter {
    private static final Logger LOG = Logger.getLogger("org.mbccds.hooks.auth");

    private final AuthConfig config;
    private final Optional<String> publicBaseUrl;
    private final ClientTokenVerifier verifier;

    ClientAuthenticationFilter(AuthConfig config, PublicUrlConfig urls, ClientTokenVerifier verifier) {
        this.config = config;
        this.publicBaseUrl = urls.publicBaseUrl().map(String::strip).map(u -> u.replaceFirst("/+$", ""));
        this.verifier = verifier;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request) {
        if (!config.enabled() || HttpMethod.OPTIONS.equals(request.getMethod())) {
            return Uni.createFrom().nullItem();
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String audience = audience(request.getUriInfo());
        String call = request.getMethod() + " " + request.getUriInfo().getRequestUri().getRawPath();
        // Off the event loop: a JWKS may have to be downloaded.
        return Uni.createFrom().item(() -> check(request, authorization, audience, call))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Response check(ContainerRequestContext request, String authorization, String audience, String call) {
        try {
            VerifiedClient client = verifier.verify(authorization, audience);
            request.setProperty(VerifiedClient.PROPERTY, client);
            LOG.debugf("CDS client accepted: %s name=%s jti=%s tenant=%s", call, client.name(), client.jti(),
                    client.tenant().orElse("-"));
            return null;
        } catch (AuthenticationFailure e) {
            LOG.warn("CDS client refused: " + call + " " + e.logLine());
        } catch (RuntimeException e) {
            LOG.error("CDS client refused: " + call + " reason=internal-error " + e.getClass().getName());
        }
        return Response.fromResponse(ErrorResponses.of(401, "login",
                        "Authentication required: send Authorization: Bearer <JWT> signed by a CDS client this service trusts"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** The URL the client called, which its token's aud must equal: {base}/cds-services[/{id}[/feedback]]. */
    private String audience(UriInfo uri) {
        URI requested = uri.getRequestUri();
        if (publicBaseUrl.isEmpty()) {
            return requested.getScheme() + "://" + requested.getRawAuthority() + requested.getRawPath();
        }
        String base = uri.getBaseUri().getRawPath();
        String path = requested.getRawPath();
        String relative = path.startsWith(base) ? path.substring(base.length()) : path;
        return publicBaseUrl.get() + "/" + relative.replaceFirst("^/+", "");
    }
}
