package org.mbccds.hooks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;
import org.mbccds.feedback.FeedbackStorageException;
import org.mbccds.feedback.InvalidFeedbackException;
import org.mbccds.record.NotFhirException;
import org.mbccds.record.RecordTooLargeException;
import org.mbccds.record.RecordUnavailableException;

/**
 * Every refusal is JSON: an OperationOutcome (as the CDS Hooks 3.0 ballot recommends for non-2xx answers) whose
 * diagnostics say what to fix. Unexpected failures are logged with their type only and answered without detail.
 */
final class ErrorResponses {
    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    /** The OperationOutcome of a HookError as bytes, for answers written below JAX-RS (the body-size filter). */
    static byte[] json(HookError e) {
        return outcome(code(e.status()), e.getMessage()).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String code(int status) {
        return switch (status) {
            case 404 -> "not-found";
            case 412 -> "not-found";
            case 413 -> "too-costly";
            default -> "invalid";
        };
    }

    static Response of(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(outcome(code, message)).build();
    }

    private static ObjectNode outcome(String code, String message) {
        ObjectNode outcome = JsonNodeFactory.instance.objectNode();
        outcome.put("resourceType", "OperationOutcome");
        ObjectNode issue = outcome.putArray("issue").addObject();
        issue.put("severity", "error");
        issue.put("code", code);
        issue.put("diagnostics", message);
        return outcome;
    }

    @Provider
    public static class HookErrorMapper implements ExceptionMapper<HookError> {
        @Override
        public Response toResponse(HookError e) {
            return of(e.status(), code(e.status()), e.getMessage());
        }
    }

    /** One issue per problem, each naming the item and field in its diagnostics and expression. */
    @Provider
    public static class InvalidFeedbackMapper implements ExceptionMapper<InvalidFeedbackException> {
        @Override
        public Response toResponse(InvalidFeedbackException e) {
            ObjectNode outcome = JsonNodeFactory.instance.objectNode();
            outcome.put("resourceType", "OperationOutcome");
            var issues = outcome.putArray("issue");
            for (InvalidFeedbackException.Problem p : e.problems()) {
                ObjectNode issue = issues.addObject();
                issue.put("severity", "error");
                issue.put("code", "invalid");
                issue.put("diagnostics", p.text() + "; nothing of this request was stored");
                if (!p.path().isEmpty()) {
                    issue.putArray("expression").add(p.path());
                }
            }
            return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(outcome).build();
        }
    }

    /** The database failed: nothing of the request was kept, so the client may send it again. */
    @Provider
    public static class FeedbackStorageMapper implements ExceptionMapper<FeedbackStorageException> {
        @Override
        public Response toResponse(FeedbackStorageException e) {
            LOG.errorf("%s: %s", e.getMessage(), e.getCause() == null ? "" : e.getCause().getClass().getName());
            return of(503, "transient", "Feedback could not be stored just now; nothing of this request was kept,"
                    + " send it again");
        }
    }

    @Provider
    public static class NotFhirMapper implements ExceptionMapper<NotFhirException> {
        @Override
        public Response toResponse(NotFhirException e) {
            return of(400, "structure", e.getMessage());
        }
    }

    @Provider
    public static class RecordTooLargeMapper implements ExceptionMapper<RecordTooLargeException> {
        @Override
        public Response toResponse(RecordTooLargeException e) {
            return of(413, "too-costly", e.getMessage());
        }
    }

    @Provider
    public static class RecordUnavailableMapper implements ExceptionMapper<RecordUnavailableException> {
        @Override
        public Response toResponse(RecordUnavailableException e) {
            return of(412, "not-found", e.getMessage());
        }
    }

    /** Last resort: a defect. Log what kind, never the request content. */
    @Provider
    public static class UnexpectedMapper implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof jakarta.ws.rs.WebApplicationException w) {
                int status = w.getResponse().getStatus();
                return of(status, status == 404 ? "not-found" : status == 405 ? "not-supported" : status == 413
                        ? "too-costly" : status == 415 ? "not-supported" : "invalid", w.getMessage());
            }
            StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            LOG.errorf("Unexpected %s at %s", e.getClass().getName(), at);
            return of(500, "exception", "Internal error; the request was not processed");
        }
    }
}
