package org.mbccds.feedback;

import org.mbccds.cdshooks.CardId;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Feedback in a relational database (schema: {@code db/migration}, run by Flyway at start). Plain JDBC with one
 * explicit transaction per request, so the same class runs in the service (on the Agroal pool) and in a bare JVM
 * (the durability test). Portable SQL: H2 2.x and PostgreSQL.
 *
 * <p>Idempotent: each item's {@link FeedbackItem#key key} is the primary key; an item already stored is counted as
 * a duplicate. Two replicas storing the same item at once: the loser's insert breaks the key (SQLState 23505), its
 * transaction is rolled back and run again, and then finds the row.
 */
public class FeedbackStore {
    /**
     * Worth one more try: a concurrent copy of an item committed first (unique key, 23505), a serialization failure
     * or deadlock (40001, PostgreSQL 40P01), an H2 lock wait that timed out (HYT00).
     */
    private static final Set<String> RETRYABLE = Set.of("23505", "40001", "40P01", "HYT00");
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;

    public FeedbackStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores every new item of one request in one transaction, committed before this returns: all or nothing.
     *
     * @throws FeedbackStorageException when the database fails; nothing of the request is stored then
     */
    public Receipt store(String serviceId, List<FeedbackItem> items, Instant receivedAt) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(serviceId, items, receivedAt);
            } catch (SQLException e) {
                if (!isRetryable(e) || attempt == ATTEMPTS) {
                    throw new FeedbackStorageException("Feedback could not be stored (SQLState " + e.getSQLState() + ")", e);
                }
            }
        }
    }

    private Receipt inTransaction(String serviceId, List<FeedbackItem> items, Instant receivedAt) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Receipt receipt = write(c, serviceId, items, receivedAt);
                c.commit();
                return receipt;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }   // the pool restores auto-commit when the connection goes back
    }

    private static Receipt write(Connection c, String serviceId, List<FeedbackItem> items, Instant receivedAt)
            throws SQLException {
        Set<String> keys = new HashSet<>();
        int stored = 0;
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM feedback WHERE item_key = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO feedback (item_key, service_id, card_uuid, outcome,"
                     + " reason_system, reason_code, reason_display, user_comment, outcome_at, received_at, hook_instance)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement suggestion = c.prepareStatement(
                     "INSERT INTO feedback_suggestion (item_key, suggestion_id) VALUES (?, ?)")) {
            for (FeedbackItem item : items) {
                String key = item.key(serviceId);
                if (!keys.add(key) || isStored(exists, key)) {
                    continue;
                }
                insert.setString(1, key);
                insert.setString(2, serviceId);
                insert.setString(3, item.card());
                insert.setString(4, item.outcome().code());
                setText(insert, 5, item.reason().flatMap(ReasonCoding::system));
                setText(insert, 6, item.reason().map(ReasonCoding::code));
                setText(insert, 7, item.reason().flatMap(ReasonCoding::display));
                setText(insert, 8, item.userComment());
                insert.setObject(9, OffsetDateTime.ofInstant(item.outcomeTimestamp(), ZoneOffset.UTC));
                insert.setObject(10, OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC));
                setText(insert, 11, item.hookInstance());
                insert.addBatch();
                for (String id : item.acceptedSuggestions()) {
                    suggestion.setString(1, key);
                    suggestion.setString(2, id);
                    suggestion.addBatch();
                }
                stored++;
            }
            if (stored > 0) {
                insert.executeBatch();
                suggestion.executeBatch();
            }
        }
        return new Receipt(items.size(), stored, items.size() - stored);
    }

    private static boolean isStored(PreparedStatement exists, String key) throws SQLException {
        exists.setString(1, key);
        try (ResultSet rs = exists.executeQuery()) {
            return rs.next();
        }
    }

    private static void setText(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

    /** A batch failure may carry the cause in its chain of next exceptions or causes. */
    private static boolean isRetryable(SQLException e) {
        Set<Throwable> seen = new HashSet<>();
        List<Throwable> todo = new ArrayList<>(List.of(e));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(todo.size() - 1);
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException s) {
                if (s.getSQLState() != null && RETRYABLE.contains(s.getSQLState())) {
                    return true;
                }
                todo.add(s.getNextException());
            }
            todo.add(t.getCause());
        }
        return false;
    }

    /**
     * Counts for one service; {@code cardLimit} bounds the per-card list (most recent outcome first). {@code topics}
     * names the topic keys (see {@link CardId}) of the current knowledge base.
     */
    public FeedbackReport report(String serviceId, int cardLimit, Map<String, FeedbackReport.Topic> topics) {
        try (Connection c = dataSource.getConnection()) {
            long accepted = 0;
            long overridden = 0;
            Optional<Instant> first = Optional.empty();
            Optional<Instant> last = Optional.empty();
            try (PreparedStatement ps = c.prepareStatement("SELECT outcome, COUNT(*), MIN(outcome_at), MAX(outcome_at)"
                    + " FROM feedback WHERE service_id = ? GROUP BY outcome")) {
                ps.setString(1, serviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (Outcome.ACCEPTED.code().equals(rs.getString(1))) {
                            accepted = rs.getLong(2);
                        } else {
                            overridden = rs.getLong(2);
                        }
                        Instant min = instant(rs, 3);
                        Instant max = instant(rs, 4);
                        first = Optional.of(first.filter(f -> f.isBefore(min)).orElse(min));
                        last = Optional.of(last.filter(l -> l.isAfter(max)).orElse(max));
                    }
                }
            }
            List<FeedbackReport.ReasonCount> reasons = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT reason_system, reason_code, MAX(reason_display), COUNT(*)"
                    + " FROM feedback WHERE service_id = ? AND outcome = 'overridden' AND reason_code IS NOT NULL"
                    + " GROUP BY reason_system, reason_code ORDER BY COUNT(*) DESC, reason_code, reason_system")) {
                ps.setString(1, serviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reasons.add(new FeedbackReport.ReasonCount(Optional.ofNullable(rs.getString(1)), rs.getString(2),
                                Optional.ofNullable(rs.getString(3)), rs.getLong(4)));
                    }
                }
            }
            long uncoded = count(c, "SELECT COUNT(*) FROM feedback WHERE service_id = ? AND outcome = 'overridden'"
                    + " AND reason_code IS NULL", serviceId);
            List<FeedbackReport.TopicCount> byTopic = new ArrayList<>();
            long withTopic = 0;
            // LIKE keeps each foreign uuid from becoming a group of its own; CardId.topicKeyOf checks the rest.
            try (PreparedStatement ps = c.prepareStatement("SELECT SUBSTRING(card_uuid, 1, " + CardId.TOPIC_KEY_LENGTH + "),"
                    + " SUM(CASE WHEN outcome = 'accepted' THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN outcome = 'overridden' THEN 1 ELSE 0 END), MAX(outcome_at), MIN(card_uuid)"
                    + " FROM feedback WHERE service_id = ? AND card_uuid LIKE '________-____-8___-____-____________'"
                    + " GROUP BY SUBSTRING(card_uuid, 1, " + CardId.TOPIC_KEY_LENGTH + ")"
                    + " ORDER BY COUNT(*) DESC, SUBSTRING(card_uuid, 1, " + CardId.TOPIC_KEY_LENGTH + ")")) {
                ps.setString(1, serviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (CardId.topicKeyOf(rs.getString(5)).isEmpty()) {
                            continue;
                        }
                        String key = rs.getString(1);
                        Optional<FeedbackReport.Topic> topic = Optional.ofNullable(topics.get(key));
                        byTopic.add(new FeedbackReport.TopicCount(topic.map(FeedbackReport.Topic::code).orElse(key),
                                topic.map(FeedbackReport.Topic::display), key, rs.getLong(2), rs.getLong(3), instant(rs, 4)));
                        withTopic += rs.getLong(2) + rs.getLong(3);
                    }
                }
            }
            long cards = count(c, "SELECT COUNT(DISTINCT card_uuid) FROM feedback WHERE service_id = ?", serviceId);
            List<FeedbackReport.CardCount> byCard = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT card_uuid,"
                    + " SUM(CASE WHEN outcome = 'accepted' THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN outcome = 'overridden' THEN 1 ELSE 0 END), MAX(outcome_at)"
                    + " FROM feedback WHERE service_id = ? GROUP BY card_uuid"
                    + " ORDER BY MAX(outcome_at) DESC, card_uuid LIMIT ?")) {
                ps.setString(1, serviceId);
                ps.setInt(2, cardLimit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byCard.add(new FeedbackReport.CardCount(rs.getString(1), rs.getLong(2), rs.getLong(3), instant(rs, 4)));
                    }
                }
            }
            return new FeedbackReport(serviceId, accepted + overridden, accepted, overridden, first, last, reasons, uncoded,
                    byTopic, accepted + overridden - withTopic, cards, byCard, cardLimit);
        } catch (SQLException e) {
            throw new FeedbackStorageException("The feedback report could not be read (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private static long count(Connection c, String sql, String serviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, serviceId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
