package org.mbccds.feedback;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

/**
 * The store on PostgreSQL, when one is given (no database server runs in CI):
 * {@code MBC_TEST_POSTGRESQL_URL=jdbc:postgresql://localhost:5432/mbccds} with {@code MBC_TEST_POSTGRESQL_USER} and
 * {@code MBC_TEST_POSTGRESQL_PASSWORD}. Runs the same migrations the service runs at start.
 */
@EnabledIfEnvironmentVariable(named = "MBC_TEST_POSTGRESQL_URL", matches = "jdbc:postgresql:.+")
class FeedbackStorePostgresTest extends FeedbackStoreContract {
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void open() {
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(System.getenv("MBC_TEST_POSTGRESQL_URL"));
        dataSource.setUser(System.getenv().getOrDefault("MBC_TEST_POSTGRESQL_USER", "postgres"));
        dataSource.setPassword(System.getenv().getOrDefault("MBC_TEST_POSTGRESQL_PASSWORD", ""));
        TestDatabases.migrate(dataSource);
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }
}
