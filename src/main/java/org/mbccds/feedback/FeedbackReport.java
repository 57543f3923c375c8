package org.mbccds.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accept and override counts of one service. Cards are counted by uuid: the feedback names only the card's uuid,
 * and uuids are issued per response, so this is not a per-topic (per-rule) count.
 *
 * @param items                        feedback items stored
 * @param overriddenWithoutCodedReason overrides with only a comment, or with nothing
 * @param cards                        distinct card uuids with feedback
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
        long cards,
        List<CardCount> byCard,
        int byCardLimit) {

    public FeedbackReport {
        byOverrideReason = List.copyOf(byOverrideReason);
        byCard = List.copyOf(byCard);
    }

    /** Overrides with one coded reason; {@code display} is one display sent with it (the sandbox sends none). */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record ReasonCount(Optional<String> system, String code, Optional<String> display, long count) {
    }

    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record CardCount(String card, long accepted, long overridden, Instant lastOutcome) {
    }
}
