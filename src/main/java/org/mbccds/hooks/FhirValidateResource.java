package org.mbccds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.mbccds.validation.InvalidInputException;
import org.mbccds.validation.RecordValidator;

import java.util.Optional;

/**
 * FHIR's $validate for integration engineers: {@code POST /fhir/Bundle/$validate} (or {@code /fhir/{type}/$validate},
 * {@code /fhir/$validate}) answers with an OperationOutcome saying, per entry, what HAPI's validator found against the
 * mbc-cds profiles and what mbc-cds reads the entry as. Outside /cds-services, but behind the same client
 * authentication filter (it may receive real records). The operation is a path parameter rather than a literal
 * so that {@code $validate} and its encoded form {@code %24validate} both match.
 */
@Path("/fhir")
@Produces(MediaType.APPLICATION_JSON)
public class FhirValidateResource {
    private static final String OPERATION = "$validate";

    private final RecordValidator validator;
    private final JsonBody json;

    FhirValidateResource(RecordValidator validator, JsonBody json) {
        this.validator = validator;
        this.json = json;
    }

    @POST
    @Path("/{operation}")
    @Consumes(MediaType.WILDCARD)
    public Response validateAny(@PathParam("operation") String operation, @QueryParam("profile") String profile,
                                byte[] body) {
        return run(operation, Optional.empty(), profile, body);
    }

    @POST
    @Path("/{type}/{operation}")
    @Consumes(MediaType.WILDCARD)
    public Response validateType(@PathParam("type") String type, @PathParam("operation") String operation,
                                 @QueryParam("profile") String profile, byte[] body) {
        return run(operation, Optional.of(type), profile, body);
    }

    private Response run(String operation, Optional<String> type, String profile, byte[] body) {
        if (!OPERATION.equals(operation)) {
            throw new HookError(404, "No operation '" + operation + "'; POST a FHIR resource or Bundle to"
                    + " /fhir/Bundle/$validate");
        }
        JsonNode record = json.read(body, "a FHIR resource or Bundle");
        RecordValidator.Result result;
        try {
            result = validator.validate(record, type, Optional.ofNullable(profile).filter(p -> !p.isBlank()));
        } catch (InvalidInputException e) {
            throw HookError.badRequest(e.getMessage());
        }
        if (result instanceof RecordValidator.Report report) {
            return Response.ok(report.outcome(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.fromResponse(ErrorResponses.of(503, "transient",
                "Other validations are running; send this one again in a few seconds")).header("Retry-After", "5").build();
    }
}
