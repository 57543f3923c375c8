package org.mbccds.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One feedback entry as received and checked.
 *
 * @param card                the card's uuid as the client echoes it
 * @param acceptedSuggestions ids of the accepted suggestions, without repeats, in the order sent
 * @param hookInstance        the hook call the card came from, when the client says (field or extension)
 */
public record FeedbackItem(
        String card,
        Outcome outcome,
        List<String> acceptedSuggestions,
        Optional<ReasonCoding> reason,
        Optional<String> userComment,
        Instant outcomeTimestamp,
        Optional<String> hookInstance) {

    public FeedbackItem {
        acceptedSuggestions = List.copyOf(acceptedSuggestions);
    }

    /**
     * The identity of this item for a service: the same card, outcome, time, suggestions, reason and comment give the
     * same key, so a batch that is sent again is stored once. Fields are length-prefixed, so no two different items
     * share a key by concatenation.
     */
    public String key(String serviceId) {
        StringBuilder b = new StringBuilder();
        field(b, serviceId);
        field(b, card);
        field(b, outcome.code());
        field(b, outcomeTimestamp.toString());
        field(b, Integer.toString(acceptedSuggestions.size()));
        acceptedSuggestions.stream().sorted().forEach(s -> field(b, s));
        field(b, reason.flatMap(ReasonCoding::system).orElse(""));
        field(b, reason.map(ReasonCoding::code).orElse(""));
        field(b, userComment.orElse(""));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    private static void field(StringBuilder b, String value) {
        b.append(value.length()).append(':').append(value);
    }
}
