package org.mbccds.feedback;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing acknowledged is lost when the process is killed. A separate JVM ({@link DurabilityChild}) stores feedback
 * requests through the real parser and store on an H2 file opened with the service's configured URL (so its options,
 * WRITE_DELAY=0 among them, are the ones under test), acknowledging each after its commit; it is killed with SIGKILL
 * while still writing. The file is then opened afresh: every acknowledged request is there whole, and no request
 * is there in part. Takes a few seconds.
 */
class FeedbackDurabilityTest {
    private static final int ACKS_BEFORE_KILL = 40;

    @Test
    void everyAcknowledgedRequestSurvivesSigkillAndNoneIsHalfStored() throws Exception {
        String url = TestDatabases.configuredH2Url(Path.of("target", "feedback-durability", UUID.randomUUID().toString()));
        JdbcDataSource file = new JdbcDataSource();    // not DriverManager: a @QuarkusTest may have claimed it
        file.setURL(url);
        file.setUser("sa");
        TestDatabases.migrate(file);                   // then closed: the child has the file to itself

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), DurabilityChild.class.getName(), url)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        int lastAck = 0;
        List<String> output = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while (lastAck < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                output.add(line);
                if (line.startsWith("ACK ")) {
                    lastAck = Integer.parseInt(line.substring(4));
                }
            }
            // SIGKILL while the child goes on writing: no shutdown hook, no close, no flush. Acknowledgements it
            // printed after the one just read are not counted; the requests behind them must be whole or absent.
            child.destroyForcibly();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lastAck).as("child output: %s", output).isEqualTo(ACKS_BEFORE_KILL);
        assertThat(child.exitValue()).as("killed, not ended").isEqualTo(137);

        try (Connection c = file.getConnection();     // a fresh open of the file the killed process left
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM feedback WHERE card_uuid IN (?, ?)")) {
            for (int n = 1; n <= lastAck + 50; n++) {
                ps.setString(1, "r" + n + "-a");
                ps.setString(2, "r" + n + "-b");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long items = rs.getLong(1);
                    if (n <= lastAck) {
                        assertThat(items).as("acknowledged request %d", n).isEqualTo(2);
                    } else {
                        assertThat(items).as("request %d, not acknowledged: all or nothing", n).isIn(0L, 2L);
                    }
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM feedback_suggestion")) {
                rs.next();
                assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(lastAck);
            }
        }
    }
}
