package org.mbccds.cdshooks;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CardIdTest {

    @Test
    void aMintedUuidIsAVersion8UuidThatStartsWithItsTopicKey() {
        String id = CardId.mint("B1-1");
        UUID parsed = UUID.fromString(id);
        assertThat(parsed.version()).isEqualTo(8);
        assertThat(parsed.variant()).isEqualTo(2);   // RFC 9562 variant (binary 10)
        assertThat(parsed.toString()).isEqualTo(id);
        assertThat(id).startsWith(CardId.topicKey("B1-1"));
        assertThat(CardId.topicKeyOf(id)).contains(CardId.topicKey("B1-1"));
    }

    @Test
    void everyCardOfATopicStillGetsItsOwnUuid() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(CardId.mint("E7"));
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void topicsHaveDifferentKeys() {
        assertThat(CardId.topicKey("E7")).isNotEqualTo(CardId.topicKey("E8")).hasSize(CardId.TOPIC_KEY_LENGTH);
    }

    @Test
    void uuidsMintedElsewhereCarryNoTopic() {
        assertThat(CardId.topicKeyOf(UUID.randomUUID().toString())).isEmpty();
        assertThat(CardId.topicKeyOf("not a uuid")).isEmpty();
        assertThat(CardId.topicKeyOf(CardId.mint("E7").toUpperCase())).isEmpty();
    }
}
