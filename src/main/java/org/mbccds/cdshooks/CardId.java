package org.mbccds.cdshooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Card uuids that carry their topic. Feedback names a card only by its uuid (CDS Hooks 2.0 §1.6), so counting
 * accepts and overrides per rule would otherwise mean remembering every card ever issued, on the hook's hot path.
 * An RFC 9562 version 8 uuid leaves its layout to the issuer: here the first 48 bits are the start of
 * SHA-256(topic code) and the other 74 free bits are random, so every card still gets its own uuid and the feedback
 * report can map the 48 bits back through the topics it knows. Randomness need not be unpredictable here: a card
 * uuid is an identifier, not a secret.
 */
public final class CardId {
    /** 8 hex digits, '-', 4 hex digits: the 48 topic bits as they appear at the start of the uuid's text. */
    public static final int TOPIC_KEY_LENGTH = 13;
    private static final Pattern VERSION_8 = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final HexFormat HEX = HexFormat.of();

    private CardId() {
    }

    /** A new card uuid for a card on {@code topic} (the code of the card's {@code source.topic}). */
    public static String mint(String topic) {
        byte[] b = new byte[16];
        System.arraycopy(topicBits(topic), 0, b, 0, 6);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 6; i < 16; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        b[6] = (byte) ((b[6] & 0x0f) | 0x80);   // version 8
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);   // variant 10 (RFC 9562)
        String hex = HEX.formatHex(b);
        return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-' + hex.substring(16, 20)
                + '-' + hex.substring(20);
    }

    /** The prefix every uuid minted for {@code topic} starts with. */
    public static String topicKey(String topic) {
        String hex = HEX.formatHex(topicBits(topic), 0, 6);
        return hex.substring(0, 8) + '-' + hex.substring(8);
    }

    /** The topic key of a uuid minted here; empty for any other uuid (older cards, other services, typos). */
    public static Optional<String> topicKeyOf(String uuid) {
        return VERSION_8.matcher(uuid).matches() ? Optional.of(uuid.substring(0, TOPIC_KEY_LENGTH)) : Optional.empty();
    }

    private static byte[] topicBits(String topic) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(topic.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
