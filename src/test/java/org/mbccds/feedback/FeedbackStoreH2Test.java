package org.mbccds.feedback;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** The store on an H2 file under target/, opened with the service's URL options. */
class FeedbackStoreH2Test extends FeedbackStoreContract {
    private static JdbcDataSource dataSource;
    private static Connection keepOpen;

    @BeforeAll
    static void open() throws SQLException {
        dataSource = new JdbcDataSource();
        dataSource.setURL(TestDatabases.configuredH2Url(Path.of("target", "feedback-store-test", UUID.randomUUID().toString())));
        dataSource.setUser("sa");
        keepOpen = dataSource.getConnection();      // as a pool would: the database stays open between requests
        TestDatabases.migrate(dataSource);
    }

    @AfterAll
    static void close() throws SQLException {
        keepOpen.close();
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }
}
