package org.mbccds.hooks;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Times each call to a service here rather than in the resource method, so the timer sees the status the client
 * got, whichever exception mapper produced it (400, 404, 412, 500). Calls refused by authentication are not timed:
 * they never reach a service.
 */
public class HookMetricsFilter {
    private static final String START = HookMetricsFilter.class.getName() + ".start";
    private static final String UNKNOWN = "unknown";

    private final HookMetrics metrics;
    private final ServiceCatalog catalog;

    HookMetricsFilter(HookMetrics metrics, ServiceCatalog catalog) {
        this.metrics = metrics;
        this.catalog = catalog;
    }

    @ServerRequestFilter
    public void start(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource.getResourceClass() == CdsServicesResource.class && "call".equals(resource.getMethodName())) {
            request.setProperty(START, System.nanoTime());
        }
    }

    @ServerResponseFilter
    public void stop(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(START) instanceof Long start)) {
            return;
        }
        String id = request.getUriInfo().getPathParameters().getFirst("id");
        // An unknown id is the caller's text: never a tag value of its own.
        String service = id != null && catalog.byId(id).isPresent() ? id : UNKNOWN;
        metrics.called(service, response.getStatus(), System.nanoTime() - start);
    }
}
