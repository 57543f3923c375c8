package org.mbccds.clinical;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Thresholds and time windows from cards/clinical-definitions.yaml. Clinical numbers live in cards/ with their
 * source; this record only carries them into the code.
 */
public record ClinicalDefinitions(
        double erLowMin, double erLowMax, double receptorPositivePercent, double her2IshPositiveRatio,
        int postmenopausalAge, double tmbHigh, int deNovoToleranceDays, int regimenWindowDays,
        int progressionDaysBeforeStop, int progressionDaysAfterStop, int presumedProgressionDays,
        int adjuvantEndocrineRelapseMonths, int primaryResistanceYearsOnAdjuvant, int primaryResistanceMonthsOnFirstLine,
        int adjuvantAntiHer2RelapseMonths, List<String> lineGroupingClasses, Set<String> notALine) {

    public static ClinicalDefinitions load(Path file) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readTree(file.toFile());
            JsonNode d = root.path("definitions");
            return new ClinicalDefinitions(
                    number(d, "erLowPercent", "min"), number(d, "erLowPercent", "max"),
                    number(d, "receptorPositivePercent", "min"), number(d, "her2IshPositiveRatio", "min"),
                    (int) number(d, "postmenopausalAge", "years"), number(d, "tmbHigh", "mutationsPerMegabase"),
                    (int) number(d, "deNovoTolerance", "days"), (int) number(d, "regimenWindow", "days"),
                    (int) number(d, "progressionWindow", "daysBeforeStop"),
                    (int) number(d, "progressionWindow", "daysAfterStop"),
                    (int) number(d, "presumedProgression", "days"),
                    (int) number(d, "adjuvantEndocrineRelapse", "monthsAfterCompletion"),
                    (int) number(d, "adjuvantEndocrineRelapse", "primaryResistanceYearsOnAdjuvant"),
                    (int) number(d, "adjuvantEndocrineRelapse", "primaryResistanceMonthsOnFirstLine"),
                    (int) number(d, "adjuvantAntiHer2Relapse", "months"),
                    strings(root, "lineGroupingClasses"), Set.copyOf(strings(root, "notALine")));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static double number(JsonNode defs, String name, String field) {
        JsonNode def = defs.path(name);
        if (!def.path("source").isTextual()) {
            throw new IllegalStateException("clinical-definitions.yaml: '" + name + "' has no source");
        }
        JsonNode v = def.path(field);
        if (!v.isNumber()) {
            throw new IllegalStateException("clinical-definitions.yaml: '" + name + "." + field + "' must be a number");
        }
        return v.asDouble();
    }

    private static List<String> strings(JsonNode root, String field) {
        JsonNode list = root.path(field);
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalStateException("clinical-definitions.yaml: '" + field + "' must be a non-empty list");
        }
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(JsonNode::asText).toList();
    }
}
