package org.mbccds.record;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the record step needs from a validated hook call. Prefetch and draft orders are still JSON trees; the
 * record step turns them into FHIR resources.
 *
 * @param prefetch   key to value as sent; a JSON null value means "the client has no data"
 * @param draftOrders the context's draftOrders Bundle (order hooks)
 * @param selections the selected order references ("MedicationRequest/123"); empty means "every draft order"
 * @param deadline   when the answer must be ready; FHIR server reads stop then
 */
public record RecordRequest(
        String patientId,
        Optional<URI> fhirServer,
        Optional<String> bearerToken,
        Map<String, JsonNode> prefetch,
        Optional<JsonNode> draftOrders,
        List<String> selections,
        Instant deadline) {
}
