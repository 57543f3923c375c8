package org.mbccds.hooks;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.mbccds.cdshooks.CdsServiceResponse;
import org.mbccds.cdshooks.Discovery;

/**
 * The CDS Hooks HTTP surface: discovery and service calls ({@link FeedbackResource} takes feedback). Thin: validation
 * and the flow live elsewhere.
 */
@Path("/cds-services")
@Produces(MediaType.APPLICATION_JSON)
public class CdsServicesResource {
    private final ServiceCatalog catalog;
    private final HookRequestValidator validator;
    private final CdsServiceHandler handler;
    private final HooksConfig config;
    private final JsonBody json;

    CdsServicesResource(ServiceCatalog catalog, HookRequestValidator validator, CdsServiceHandler handler, HooksConfig config,
                        JsonBody json) {
        this.catalog = catalog;
        this.validator = validator;
        this.handler = handler;
        this.config = config;
        this.json = json;
    }

    @GET
    public Discovery discovery() {
        return new Discovery(catalog.all().stream().map(ServiceCatalog.Service::descriptor).toList());
    }

    /** The body is read as bytes so malformed JSON gets our own clear 400, not a framework default. */
    @POST
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    public CdsServiceResponse call(@PathParam("id") String id, byte[] body) {
        ServiceCatalog.Service service = catalog.byId(id)
                .orElseThrow(() -> new HookError(404, "No CDS service with id '" + id + "'; GET /cds-services lists them"));
        return handler.handle(validator.validate(service, json.read(body, "a CDS Hooks request"),
                config.requestBudget()));
    }
}
