package org.mbccds.validation;

import com.fasterxml.jackson.databind.JsonNode;
import org.mbccds.terminology.DrugCatalog;
import org.mbccds.terminology.DrugMatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which of our drugs a medication resource names, as the therapy history would recognise it (codes first, then
 * names), so a sender sees "recognised as fulvestrant (RxNorm 727762)" or why not.
 */
final class MedicationNotes {
    private final DrugCatalog drugs;

    MedicationNotes(DrugCatalog drugs) {
        this.drugs = drugs;
    }

    /**
     * @param medications the record's Medication resources by fullUrl and by "Medication/{id}", for references
     */
    String note(JsonNode resource, Map<String, JsonNode> medications) {
        List<JsonNode> concepts = new ArrayList<>();
        if (resource.path("medicationCodeableConcept").isObject()) {
            concepts.add(resource.path("medicationCodeableConcept"));
        } else if (resource.path("medicationReference").isObject()) {
            String ref = resource.path("medicationReference").path("reference").asText("");
            Optional<JsonNode> medication = ref.startsWith("#") ? contained(resource, ref.substring(1))
                    : Optional.ofNullable(medications.get(ref));
            if (medication.isEmpty()) {
                return "the referenced Medication (" + (ref.isEmpty() ? "no reference" : ref) + ") is not in this record,"
                        + " so the drug is not recognised here (the service reads it when the EHR sends it)";
            }
            concepts.add(medication.get().path("code"));
            medication.get().path("ingredient").forEach(i -> concepts.add(i.path("itemCodeableConcept")));
        } else {
            return "no medication[x]: no drug can be recognised";
        }
        return recognised(concepts);
    }

    private static Optional<JsonNode> contained(JsonNode resource, String id) {
        for (JsonNode c : resource.path("contained")) {
            if (id.equals(c.path("id").asText())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private String recognised(List<JsonNode> concepts) {
        Map<String, DrugMatch> found = new LinkedHashMap<>();
        for (JsonNode concept : concepts) {
            for (JsonNode coding : concept.path("coding")) {
                for (DrugMatch m : drugs.byCode(coding.path("system").asText(""), coding.path("code").asText(""))) {
                    found.putIfAbsent(m.concept().id(), m);
                }
            }
        }
        // Names only when no code matched, as the therapy history does.
        for (JsonNode concept : found.isEmpty() ? concepts : List.<JsonNode>of()) {
            List<String> texts = new ArrayList<>();
            texts.add(concept.path("text").asText(""));
            concept.path("coding").forEach(c -> texts.add(c.path("display").asText("")));
            for (String text : texts) {
                for (DrugMatch m : drugs.byText(text)) {
                    found.putIfAbsent(m.concept().id(), m);
                }
            }
        }
        if (found.isEmpty()) {
            return "no code or name of a drug mbc-cds knows (fine for a non-cancer drug; a cancer drug sent this way"
                    + " is missing from the therapy history)";
        }
        return "recognised as " + found.values().stream().map(m -> m.concept().name() + " (" + m.describe() + ")").collect(Collectors.joining("; "));
    }
}
