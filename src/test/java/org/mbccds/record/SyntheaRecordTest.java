package org.mbccds.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.mbccds.clinical.ClinicalPicture;
import org.mbccds.testing.Knowledge;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A Synthea transaction bundle as prefetch: urn:uuid references, SCD-level Medications, MedicationAdministrations. */
class SyntheaRecordTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final RecordAssembler assembler = new RecordAssembler(new PrefetchCatalog(Knowledge.TERMINOLOGY), Knowledge.FHIR,
            new FhirServerClient(mapper, Knowledge.FHIR, new RecordConfig() {
                @Override
                public Duration queryTimeout() {
                    return Duration.ofMillis(500);
                }

                @Override
                public int maxPages() {
                    return 2;
                }
            }));

    private PatientRecord assemble(String file) throws IOException {
        JsonNode bundle = mapper.readTree(Path.of("src/test/resources/synthea", file).toFile());
        String patientId = "";
        Map<String, ArrayNode> byKey = new LinkedHashMap<>();
        for (JsonNode e : bundle.path("entry")) {
            String type = e.path("resource").path("resourceType").asText();
            if (type.equals("Patient")) {
                patientId = e.path("resource").path("id").asText();
            }
            String key = switch (type) {
                case "Condition" -> "conditions";
                case "Observation" -> "observations";
                case "MedicationRequest", "Medication" -> "medRequests";
                case "MedicationAdministration" -> "medAdministrations";
                default -> "other";
            };
            byKey.computeIfAbsent(key, k -> mapper.createArrayNode()).add(e);
        }
        Map<String, JsonNode> prefetch = new LinkedHashMap<>();
        for (String key : List.of("conditions", "observations", "medRequests", "medAdministrations")) {
            ObjectNode b = mapper.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
            b.set("entry", byKey.getOrDefault(key, mapper.createArrayNode()));
            prefetch.put(key, b);
        }
        for (JsonNode e : bundle.path("entry")) {
            if (e.path("resource").path("resourceType").asText().equals("Patient")) {
                prefetch.put("patient", e.path("resource"));
            }
        }
        prefetch.put("medStatements", null);
        return assembler.assemble(new RecordRequest(patientId, Optional.empty(), Optional.empty(), prefetch, Optional.empty(),
                List.of(), Instant.now().plusSeconds(2)));
    }

    @Test
    void urnUuidMedicationReferencesAreResolvedAndStageIIIsNotMetastatic() throws IOException {
        PatientRecord record = assemble("synthea-breast-stage2b-chemo.json");
        assertThat(record.gaps()).isEmpty();
        assertThat(record.medicationRequests()).isNotEmpty();
        assertThat(record.medicationRequests()).allSatisfy(mr ->
                assertThat(record.medication(mr.getMedicationReference(), mr)).isPresent());
        ClinicalPicture p = Knowledge.picture(record);
        assertThat(p.breastCancer()).isNotEmpty();
        assertThat(p.metastaticBreastCancer()).isFalse();
        assertThat(p.therapy().exposedTo("taxane")).isTrue();
        assertThat(p.therapy().uses()).allSatisfy(u -> assertThat(u.evidence().get(0).inferredFrom()).startsWith("RxNorm"));
        assertThat(Knowledge.forPatient(record).empty()).isTrue();
    }
}
