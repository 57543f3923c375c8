package org.mbccds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.mbccds.record.RecordRequest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a hook call against CDS Hooks 2.0 (shared/knowledge/cds-hooks-2.0.md §1.3, §1.9) and says exactly what is
 * wrong. Tolerates what real clients add: unknown fields and extension keys.
 */
@ApplicationScoped
class HookRequestValidator {
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    ValidatedCall validate(ServiceCatalog.Service service, JsonNode body, Duration budget) {
        if (body == null || !body.isObject()) {
            throw HookError.badRequest("The request body must be a JSON object (a CDS Hooks request)");
        }
        String hook = requiredText(body, "hook");
        if (!hook.equals(service.hook())) {
            throw HookError.badRequest("Service '" + service.id() + "' answers the '" + service.hook()
                    + "' hook, not '" + hook + "'");
        }
        String hookInstance = requiredText(body, "hookInstance");
        JsonNode context = body.get("context");
        if (context == null || !context.isObject()) {
            throw HookError.badRequest("'context' is required and must be an object");
        }
        String patientId = requiredText(context, "patientId", "context.patientId");
        if (!FHIR_ID.matcher(patientId).matches()) {
            throw HookError.badRequest("'context.patientId' is not a FHIR id");
        }
        Optional<URI> fhirServer = fhirServer(body);
        JsonNode auth = body.get("fhirAuthorization");
        Optional<String> token = Optional.empty();
        if (auth != null && !auth.isNull()) {
            if (!auth.isObject()) {
                throw HookError.badRequest("'fhirAuthorization' must be an object");
            }
            if (fhirServer.isEmpty()) {
                throw HookError.badRequest("'fhirAuthorization' requires 'fhirServer'");
            }
            String accessToken = requiredText(auth, "access_token", "fhirAuthorization.access_token");
            if (!isTokenText(accessToken)) {
                // It goes into an Authorization header, where a line break or control character is refused by the
                // HTTP client (a 500 found by MutationRobustnessTest); OAuth 2.0 tokens are printable ASCII.
                throw HookError.badRequest("'fhirAuthorization.access_token' must be printable ASCII without spaces"
                        + " (an OAuth 2.0 bearer token)");
            }
            token = Optional.of(accessToken);
        }
        Map<String, JsonNode> prefetch = new LinkedHashMap<>();
        JsonNode p = body.get("prefetch");
        if (p != null && !p.isNull()) {
            if (!p.isObject()) {
                throw HookError.badRequest("'prefetch' must be an object of key to FHIR resource");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                prefetch.put(e.getKey(), e.getValue());
            }
        }
        Optional<JsonNode> draftOrders = Optional.empty();
        List<String> selections = new ArrayList<>();
        if (service.kind() != ServiceCatalog.Kind.PATIENT_VIEW) {
            JsonNode orders = context.get("draftOrders");
            if (orders == null || !orders.isObject()) {
                throw HookError.badRequest("'context.draftOrders' is required for " + service.hook() + " and must be a Bundle");
            }
            draftOrders = Optional.of(orders);
            if (service.kind() == ServiceCatalog.Kind.ORDER_SELECT) {
                JsonNode sel = context.get("selections");
                if (sel == null || !sel.isArray()) {
                    throw HookError.badRequest("'context.selections' is required for order-select and must be an array");
                }
                for (JsonNode s : sel) {
                    if (!s.isTextual()) {
                        throw HookError.badRequest("'context.selections' must hold references like \"MedicationRequest/123\"");
                    }
                    selections.add(s.asText());
                }
            }
        }
        RecordRequest request = new RecordRequest(patientId, fhirServer, token, prefetch, draftOrders,
                List.copyOf(selections), Instant.now().plus(budget));
        return new ValidatedCall(service, hookInstance, request);
    }

    private static Optional<URI> fhirServer(JsonNode body) {
        JsonNode s = body.get("fhirServer");
        if (s == null || s.isNull()) {
            return Optional.empty();
        }
        if (!s.isTextual()) {
            throw HookError.badRequest("'fhirServer' must be a URL");
        }
        try {
            URI uri = new URI(s.asText());
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                throw HookError.badRequest("'fhirServer' must be an absolute http(s) URL");
            }
            return Optional.of(uri);
        } catch (java.net.URISyntaxException e) {
            throw HookError.badRequest("'fhirServer' is not a valid URL");
        }
    }

    private static boolean isTokenText(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String requiredText(JsonNode node, String field) {
        return requiredText(node, field, field);
    }

    private static String requiredText(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw HookError.badRequest("'" + path + "' is required");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw HookError.badRequest("'" + path + "' must be a non-empty string");
        }
        return v.asText();
    }
}
