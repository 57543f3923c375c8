package org.mbccds.validation;

import com.fasterxml.jackson.databind.JsonNode;
import org.mbccds.terminology.DrugCatalog;
import org.mbccds.terminology.DrugMatch;

import java.util.LinkedHashMap;
import java.util.Map;
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

    String note(JsonNode resource) {
        JsonNode concept = resource.path("medicationCodeableConcept");
        if (!concept.isObject()) {
            return resource.path("medicationReference").isObject()
                    ? "the drug is read from the referenced Medication's code and ingredients"
                    : "no medication[x]: no drug can be recognised";
        }
        Map<String, DrugMatch> found = new LinkedHashMap<>();
        for (JsonNode coding : concept.path("coding")) {
            for (DrugMatch m : drugs.byCode(coding.path("system").asText(""), coding.path("code").asText(""))) {
                found.putIfAbsent(m.concept().id(), m);
            }
        }
        if (found.isEmpty()) {
            StringBuilder texts = new StringBuilder(concept.path("text").asText(""));
            concept.path("coding").forEach(c -> texts.append(' ').append(c.path("display").asText("")));
            for (DrugMatch m : drugs.byText(texts.toString())) {
                found.putIfAbsent(m.concept().id(), m);
            }
        }
        if (found.isEmpty()) {
            return "no code or name of a drug mbc-cds knows (fine for a non-cancer drug; a cancer drug sent this way"
                    + " is missing from the therapy history)";
        }
        return "recognised as " + found.values().stream().map(m -> m.concept().name() + " (" + m.describe() + ")").collect(Collectors.joining("; "));
    }
}
