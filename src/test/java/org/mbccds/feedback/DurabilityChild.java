package org.mbccds.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.h2.jdbcx.JdbcDataSource;

import java.sql.Connection;
import java.time.Instant;

/**
 * The process {@link FeedbackDurabilityTest} kills: stores feedback requests one after another through the real
 * parser and store, as the service does, and prints {@code ACK n} after request n is committed, as the service
 * answers 200. It never stops by itself.
 *
 * <p>Arguments: the JDBC URL of a migrated database.
 */
public final class DurabilityChild {
    private DurabilityChild() {
    }

    public static void main(String[] args) throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(args[0]);
        dataSource.setUser("sa");
        ObjectMapper mapper = new ObjectMapper();
        try (Connection keepOpen = dataSource.getConnection()) {   // as the pool does: the database stays open
            FeedbackStore store = new FeedbackStore(dataSource);
            for (int n = 1; ; n++) {
                String body = "{\"feedback\": [" + item("r" + n + "-a", "accepted") + ", " + item("r" + n + "-b", "overridden")
                        + "]}";
                store.store("durability", FeedbackParser.parse(mapper.readTree(body)), Instant.now());
                System.out.println("ACK " + n);
                System.out.flush();
            }
        }
    }

    private static String item(String card, String outcome) {
        return "{\"card\": \"" + card + "\", \"outcome\": \"" + outcome + "\", \"outcomeTimestamp\": \"2026-11-23T10:05:31Z\","
                + (outcome.equals("accepted") ? " \"acceptedSuggestions\": [{\"id\": \"s-" + card + "\"}]"
                : " \"overrideReason\": {\"userComment\": \"no\"}") + "}";
    }
}
