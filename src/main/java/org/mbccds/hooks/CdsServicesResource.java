package org.mbccds.hooks;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.mbccds.cdshooks.CdsServiceResponse;
import org.mbccds.cdshooks.Discovery;

import java.io.IOException;

/** The CDS Hooks HTTP surface: discovery and service calls. Thin: validation and the flow live elsewhere. */
@Path("/cds-services")
@Produces(MediaType.APPLICATION_JSON)
public class CdsServicesResource {
    private final ServiceCatalog catalog;
    private final HookRequestValidator validator;
    private final CdsServiceHandler handler;
    private final HooksConfig config;
    private final ObjectMapper mapper;

    CdsServicesResource(ServiceCatalog catalog, HookRequestValidator validator, CdsServiceHandler handler, HooksConfig config,
                        ObjectMapper mapper) {
        this.catalog = catalog;
        this.validator = validator;
        this.handler = handler;
        this.config = config;
        this.mapper = mapper;
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
        return handler.handle(validator.validate(service, parse(body), config.requestBudget()));
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw HookError.badRequest("The request body is empty; send a CDS Hooks request as JSON");
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            // Some failures (the nesting limit) carry no location.
            JsonLocation at = e.getLocation();
            throw HookError.badRequest("The request body is not valid JSON" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw HookError.badRequest("The request body could not be read");
        }
    }
}
