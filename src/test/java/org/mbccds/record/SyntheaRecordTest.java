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

    private java.util.List<String> options(PatientRecord record) {
        return Knowledge.forPatient(record).options().stream().map(o -> o.rule().id()).toList();
    }

    @Test
    void stageIvHer2PositiveAfterChemotherapyGetsSecondLineTdxd() throws IOException {
        PatientRecord record = assemble("synthea-stage4-hr-pos-her2-pos-paclitaxel-then-fulvestrant.json");
        ClinicalPicture p = Knowledge.picture(record);
        assertThat(p.metastaticBreastCancer()).isTrue();
        assertThat(p.subtype()).isEqualTo(org.mbccds.clinical.Subtype.HR_POSITIVE_HER2_POSITIVE);
        assertThat(p.metastatic().since()).contains(java.time.LocalDate.of(2013, 9, 9));
        assertThat(p.therapy().lines()).hasSize(2);
        assertThat(p.therapy().lines().get(0).regimen()).contains("paclitaxel");
        assertThat(p.therapy().lines().get(0).progression()).isPresent();
        assertThat(p.therapy().lines().get(1).regimen()).contains("fulvestrant").contains("trastuzumab").contains("abemaciclib");
        assertThat(p.therapy().exposedTo("anti-her2-antibody")).isTrue();
        assertThat(options(record)).contains("her2-pos.l2.tdxd").noneMatch(id -> id.contains(".l1."));
    }

    @Test
    void stageIvHrPositiveHer2NegativeAfterDoxorubicin() throws IOException {
        PatientRecord record = assemble("synthea-stage4-hr-pos-her2-neg-doxorubicin.json");
        ClinicalPicture p = Knowledge.picture(record);
        assertThat(p.metastaticBreastCancer()).isTrue();
        assertThat(p.subtype()).isEqualTo(org.mbccds.clinical.Subtype.HR_POSITIVE_HER2_NEGATIVE);
        assertThat(p.receptors().her2()).isEqualTo(org.mbccds.clinical.Her2Category.NEGATIVE_SCORE_UNKNOWN);
        assertThat(p.therapy().lines()).hasSize(1);
        assertThat(p.therapy().nextLine()).isEqualTo(2);
        assertThat(Knowledge.forPatient(record).missingTests()).extracting(t -> t.rule().id())
                .contains("test.her2-ihc-score-not-recorded", "test.pik3ca-akt1-pten");
    }

    @Test
    void stageIvErPositiveHer2PositiveTamoxifenAfterDoxorubicinProgression() throws IOException {
        PatientRecord record = assemble("synthea-stage4-er-pos-her2-pos-doxorubicin-then-tamoxifen.json");
        ClinicalPicture p = Knowledge.picture(record);
        assertThat(p.subtype()).isEqualTo(org.mbccds.clinical.Subtype.HR_POSITIVE_HER2_POSITIVE);
        assertThat(p.receptors().prStatus()).isEqualTo(org.mbccds.clinical.ReceptorResult.NEGATIVE);
        assertThat(p.therapy().lines().get(0).progression()).isPresent();
        assertThat(p.therapy().nextLine()).isEqualTo(3);
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
