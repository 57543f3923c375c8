package org.mbccds.feedback;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

/** Databases for the store tests, built as the service builds them: its H2 URL and its Flyway migrations. */
final class TestDatabases {
    private TestDatabases() {
    }

    /** The service's configured H2 URL (with its options, such as WRITE_DELAY) for a database file of the test's own. */
    static String configuredH2Url(Path file) {
        Properties p = new Properties();
        try (InputStream in = TestDatabases.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String url = p.getProperty("quarkus.datasource.jdbc.url");
        if (url == null || !url.contains("${mbc.feedback.h2-file}")) {
            throw new IllegalStateException("quarkus.datasource.jdbc.url should be built from ${mbc.feedback.h2-file}: " + url);
        }
        return url.replace("${mbc.feedback.h2-file}", file.toAbsolutePath().toString());
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
