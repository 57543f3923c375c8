package org.mbccds.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accept and override counts of one service, per card topic (the rule or kind of card, read from the card uuid: see
 * {@link org.mbccds.cdshooks.CardId}), per override reason and per card.
 *
 * @param items                        feedback items stored
 * @param overriddenWithoutCodedReason overrides with only a comment, or with nothing
 * @param cards                        distinct card uuids with feedback
 * @param byTopic                      per card topic, most feedback first; a topic the current knowledge base no
 *                                     longer has (a rule since removed) is named by its key only
 * @param itemsWithoutTopic            items on card uuids that carry no topic (not minted by this service)
 * @param byCard                       per card uuid, most recent outcome first, at most {@code byCardLimit}
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record FeedbackReport(
        String service,
        long items,
        long accepted,
        long overridden,
        Optional<Instant> firstOutcome,
        Optional<Instant> lastOutcome,
        List<ReasonCount> byOverrideReason,
        long overriddenWithoutCodedReason,
        List<TopicCount> byTopic,
        long itemsWithoutTopic,
        long cards,
        List<CardCount> byCard,
        int byCardLimit) {

    public FeedbackReport {
        byOverrideReason = List.copyOf(byOverrideReason);
        byTopic = List.copyOf(byTopic);
        byCard = List.copyOf(byCard);
    }

    /** A card topic: its code ({@code source.topic.code}, a rule id for most cards) and display. */
    public record Topic(String code, String display) {
    }

    /**
     * @param topic   the topic's code, or {@code key} alone when no current topic has this key
     * @param key     the topic key the card uuids start with
     */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record TopicCount(String topic, Optional<String> display, String key, long accepted, long overridden,
                             Instant lastOutcome) {
    }

    /** Overrides with one coded reason; {@code display} is one display sent with it (the sandbox sends none). */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record ReasonCount(Optional<String> system, String code, Optional<String> display, long count) {
    }

    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record CardCount(String card, long accepted, long overridden, Instant lastOutcome) {
    }
}
