package org.mbccds.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.mbccds.cdshooks.CdsServiceResponse;
import org.mbccds.cdshooks.Discovery;
import org.mbccds.record.Limits;

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
    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    @Inject
    CdsServicesResource(ServiceCatalog catalog, HookRequestValidator validator, CdsServiceHandler handler, HooksConfig config,
                        ObjectMapper mapper, Limits limits) {
        this(catalog, validator, handler, config, mapper, limits.maxBodySize().asLongValue());
    }

    CdsServicesResource(ServiceCatalog catalog, HookRequestValidator validator, CdsServiceHandler handler, HooksConfig config,
                        ObjectMapper mapper, long maxBodyBytes) {
        this.catalog = catalog;
        this.validator = validator;
        this.handler = handler;
        this.config = config;
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
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
        // A chunked body has no Content-Length for BodySizeLimit to check before reading.
        if (body != null && body.length > maxBodyBytes) {
            throw BodySizeLimit.tooLarge(maxBodyBytes);
        }
        return handler.handle(validator.validate(service, JsonBody.read(mapper, body, "a CDS Hooks request"),
                config.requestBudget()));
    }
}
