package org.mbccds.feedback;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * The store on whichever datasource is active: the default (H2 file) or {@code pg} (PostgreSQL). Built at start, so
 * a wrong datasource configuration stops boot with a message rather than failing the first feedback.
 */
@ApplicationScoped
class FeedbackStoreProducer {
    private static final Logger LOG = Logger.getLogger(FeedbackStoreProducer.class);

    @Produces
    @Singleton
    @Startup
    FeedbackStore feedbackStore(@Any InjectableInstance<AgroalDataSource> dataSources) {
        List<AgroalDataSource> active = dataSources.listActive();
        if (active.size() != 1) {
            throw new IllegalStateException("Feedback needs exactly one active datasource, found " + active.size()
                    + ": for PostgreSQL set QUARKUS_DATASOURCE_ACTIVE=false and QUARKUS_DATASOURCE_PG_ACTIVE=true"
                    + " (README, Feedback)");
        }
        AgroalDataSource dataSource = active.get(0);
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            LOG.infof("Feedback is stored in %s %s", meta.getDatabaseProductName(), meta.getDatabaseProductVersion());
        } catch (SQLException e) {
            throw new IllegalStateException("The feedback database cannot be reached (SQLState " + e.getSQLState() + ")", e);
        }
        return new FeedbackStore(dataSource);
    }
}
