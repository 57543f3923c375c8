package org.mbccds.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Reading and checking the cards of a CDS Hooks response (spec §1.5). */
public final class Cards {
    /** source.topic.code of the card that summarises the clinical picture. */
    public static final String SUMMARY = "mbc.summary";
    /** source.topic.code of the card that lists data that could not be read. */
    public static final String DATA_GAP = "mbc.data-gap";

    private Cards() {
    }

    public static List<JsonNode> of(JsonNode response) {
        assertTrue(response.path("cards").isArray(), () -> "no cards array in " + response);
        List<JsonNode> cards = new ArrayList<>();
        response.get("cards").forEach(cards::add);
        return cards;
    }

    public static String topic(JsonNode card) {
        return card.path("source").path("topic").path("code").asText("");
    }

    public static Optional<JsonNode> withTopic(JsonNode response, String topic) {
        return of(response).stream().filter(c -> topic.equals(topic(c))).findFirst();
    }

    public static JsonNode summaryCard(JsonNode response) {
        return withTopic(response, SUMMARY).orElseGet(() -> fail("no summary card in " + summaries(response)));
    }

    public static JsonNode dataGapCard(JsonNode response) {
        return withTopic(response, DATA_GAP).orElseGet(() -> fail("no data-gap card in " + summaries(response)));
    }

    public static boolean hasDataGapCard(JsonNode response) {
        return withTopic(response, DATA_GAP).isPresent();
    }

    public static List<String> summaries(JsonNode response) {
        return of(response).stream().map(c -> c.path("summary").asText()).toList();
    }

    /**
     * Every card as CDS Hooks 2.0 requires it and as Epic needs it: uuid (unique), summary under 140 characters,
     * a valid indicator, source.label; with suggestions, selectionBehavior "any" (the only one Epic supports) and a
     * uuid on every suggestion; no null or empty values anywhere.
     */
    public static void assertWellFormed(JsonNode response) {
        assertEquals(List.of(), Json.nullOrEmptyValues(response), "null or empty values in the response");
        Set<String> uuids = new HashSet<>();
        for (JsonNode card : of(response)) {
            String summary = card.path("summary").asText("");
            assertTrue(card.path("uuid").isTextual() && !card.get("uuid").asText().isBlank(), () -> "no uuid: " + summary);
            assertTrue(uuids.add(card.get("uuid").asText()), () -> "duplicate card uuid: " + summary);
            assertFalse(summary.isBlank(), "empty summary");
            assertTrue(summary.length() < 140, () -> "summary has " + summary.length() + " characters: " + summary);
            assertTrue(Set.of("info", "warning", "critical").contains(card.path("indicator").asText()),
                    () -> "bad indicator on: " + summary);
            assertFalse(card.path("source").path("label").asText("").isBlank(), () -> "no source.label: " + summary);
            if (card.has("suggestions")) {
                assertEquals("any", card.path("selectionBehavior").asText(), () -> "selectionBehavior on: " + summary);
                for (JsonNode s : card.get("suggestions")) {
                    assertFalse(s.path("uuid").asText("").isBlank(), () -> "suggestion without uuid on: " + summary);
                    assertFalse(s.path("label").asText("").isBlank(), () -> "suggestion without label on: " + summary);
                    assertTrue(uuids.add(s.get("uuid").asText()), () -> "duplicate suggestion uuid on: " + summary);
                }
            } else {
                assertFalse(card.has("selectionBehavior"), () -> "selectionBehavior without suggestions on: " + summary);
            }
        }
    }
}
