package org.mbccds.feedback;

import org.junit.jupiter.api.Test;
import org.mbccds.cdshooks.CardId;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every feedback database must do, run on H2 ({@link FeedbackStoreH2Test}) and, where one is configured, on
 * PostgreSQL ({@link FeedbackStorePostgresTest}). Each test has a service id of its own.
 */
abstract class FeedbackStoreContract {
    private static final Instant T = Instant.parse("2026-11-23T10:05:31Z");
    private static final Instant RECEIVED = Instant.parse("2026-11-23T10:06:00Z");

    protected abstract DataSource dataSource();

    private FeedbackStore store() {
        return new FeedbackStore(dataSource());
    }

    private static String service() {
        return "svc-" + UUID.randomUUID();
    }

    private static FeedbackItem accepted(String card, String... suggestions) {
        return new FeedbackItem(card, Outcome.ACCEPTED, List.of(suggestions), Optional.empty(), Optional.empty(), T,
                Optional.of("hook-1"));
    }

    private static FeedbackItem overridden(String card, String code, String comment) {
        return new FeedbackItem(card, Outcome.OVERRIDDEN, List.of(),
                Optional.ofNullable(code).map(c -> new ReasonCoding(Optional.of("https://example.org/r"), c, Optional.of("D " + c))),
                Optional.ofNullable(comment), T, Optional.empty());
    }

    @Test
    void storesEachItemOnceAcrossRequests() throws SQLException {
        String service = service();
        List<FeedbackItem> batch = List.of(accepted("a", "s1", "s2"), overridden("b", "r1", "because"), overridden("c", null, "x"));

        assertThat(store().store(service, batch, RECEIVED)).isEqualTo(new Receipt(3, 3, 0));
        assertThat(store().store(service, batch, RECEIVED.plusSeconds(60))).isEqualTo(new Receipt(3, 0, 3));
        assertThat(store().store(service, List.of(batch.get(0), batch.get(0)), RECEIVED)).isEqualTo(new Receipt(2, 0, 2));

        assertThat(count("SELECT COUNT(*) FROM feedback WHERE service_id = ?", service)).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM feedback_suggestion s JOIN feedback f ON f.item_key = s.item_key"
                + " WHERE f.service_id = ?", service)).isEqualTo(2);
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT reason_system, reason_code, reason_display, user_comment, hook_instance, outcome_at, received_at"
                        + " FROM feedback WHERE service_id = ? AND card_uuid = 'b'")) {
            ps.setString(1, service);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("https://example.org/r");
                assertThat(rs.getString(2)).isEqualTo("r1");
                assertThat(rs.getString(3)).isEqualTo("D r1");
                assertThat(rs.getString(4)).isEqualTo("because");
                assertThat(rs.getString(5)).isNull();
                assertThat(rs.getObject(6, java.time.OffsetDateTime.class).toInstant()).isEqualTo(T);
                assertThat(rs.getObject(7, java.time.OffsetDateTime.class).toInstant())
                        .as("the first receipt is kept").isEqualTo(RECEIVED);
            }
        }
    }

    @Test
    void anItemTheDatabaseRefusesLeavesNothingOfItsRequest() {
        String service = service();
        // The parser bounds ids to 200 characters; past it, the column refuses the second item's suggestion.
        List<FeedbackItem> batch = List.of(overridden("first", "r", null), accepted("second", "x".repeat(300)));

        assertThatThrownBy(() -> store().store(service, batch, RECEIVED)).isInstanceOf(FeedbackStorageException.class);
        assertThat(count("SELECT COUNT(*) FROM feedback WHERE service_id = ?", service)).isZero();
    }

    @Test
    void concurrentCopiesOfABatchAreStoredOnce() throws Exception {
        String service = service();
        List<FeedbackItem> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(accepted("card-" + i, "s-" + i));
        }
        int copies = 6;
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Receipt>> receipts = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                receipts.add(pool.submit(() -> {
                    go.await();
                    return store().store(service, batch, RECEIVED);
                }));
            }
            go.countDown();
            int stored = 0;
            for (Future<Receipt> r : receipts) {
                Receipt receipt = r.get(60, TimeUnit.SECONDS);
                assertThat(receipt.received()).isEqualTo(5);
                stored += receipt.stored();
            }
            assertThat(stored).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM feedback WHERE service_id = ?", service)).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM feedback_suggestion s JOIN feedback f ON f.item_key = s.item_key"
                + " WHERE f.service_id = ?", service)).isEqualTo(5);
    }

    @Test
    void reportCountsPerServiceCardAndReason() {
        String service = service();
        FeedbackItem later = new FeedbackItem("a", Outcome.OVERRIDDEN, List.of(), Optional.of(new ReasonCoding(
                Optional.of("https://example.org/r"), "r1", Optional.empty())), Optional.empty(), T.plusSeconds(60),
                Optional.empty());
        store().store(service, List.of(accepted("a", "s"), later, overridden("b", "r1", null), overridden("c", "r2", null),
                overridden("d", null, "only a comment")), RECEIVED);
        store().store(service(), List.of(overridden("a", "r1", null)), RECEIVED);   // another service

        FeedbackReport report = store().report(service, 2, Map.of());
        assertThat(report.items()).isEqualTo(5);
        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.overridden()).isEqualTo(4);
        assertThat(report.firstOutcome()).contains(T);
        assertThat(report.lastOutcome()).contains(T.plusSeconds(60));
        assertThat(report.overriddenWithoutCodedReason()).isEqualTo(1);
        assertThat(report.byOverrideReason()).containsExactly(
                new FeedbackReport.ReasonCount(Optional.of("https://example.org/r"), "r1", Optional.of("D r1"), 2),
                new FeedbackReport.ReasonCount(Optional.of("https://example.org/r"), "r2", Optional.of("D r2"), 1));
        assertThat(report.byTopic()).isEmpty();
        assertThat(report.itemsWithoutTopic()).isEqualTo(5);
        assertThat(report.cards()).isEqualTo(4);
        assertThat(report.byCard()).hasSize(2);
        assertThat(report.byCard().get(0)).isEqualTo(new FeedbackReport.CardCount("a", 1, 1, T.plusSeconds(60)));
        assertThat(report.byCardLimit()).isEqualTo(2);

        FeedbackReport empty = store().report(service(), 10, Map.of());
        assertThat(empty.items()).isZero();
        assertThat(empty.firstOutcome()).isEmpty();
        assertThat(empty.byCard()).isEmpty();
    }

    @Test
    void reportCountsPerTopicReadFromTheCardUuid() {
        String service = service();
        String b1 = CardId.mint("B1-1");
        store().store(service, List.of(accepted(b1, "s1"), overridden(b1, "r1", null),
                overridden(CardId.mint("B1-1"), "r1", null), accepted(CardId.mint("E7"), "s2"),
                overridden(CardId.mint("a rule since removed"), "r2", null),
                overridden(UUID.randomUUID().toString(), "r1", null)), RECEIVED);

        FeedbackReport report = store().report(service, 10, Map.of(
                CardId.topicKey("B1-1"), new FeedbackReport.Topic("B1-1", "First line, endocrine sensitive"),
                CardId.topicKey("E7"), new FeedbackReport.Topic("E7", "CDK4/6 inhibitor after progression")));

        assertThat(report.byTopic().get(0).topic()).isEqualTo("B1-1");
        assertThat(report.byTopic()).containsExactlyInAnyOrder(
                new FeedbackReport.TopicCount("B1-1", Optional.of("First line, endocrine sensitive"),
                        CardId.topicKey("B1-1"), 1, 2, T),
                new FeedbackReport.TopicCount("E7", Optional.of("CDK4/6 inhibitor after progression"),
                        CardId.topicKey("E7"), 1, 0, T),
                new FeedbackReport.TopicCount(CardId.topicKey("a rule since removed"), Optional.empty(),
                        CardId.topicKey("a rule since removed"), 0, 1, T));
        assertThat(report.itemsWithoutTopic()).isEqualTo(1);
        assertThat(report.cards()).isEqualTo(5);
    }

    private long count(String sql, String service) {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, service);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
