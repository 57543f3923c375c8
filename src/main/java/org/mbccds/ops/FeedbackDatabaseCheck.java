package org.mbccds.ops;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The feedback database answers (GET /q/health/group/feedback). A group of its own, not readiness: only feedback
 * needs the database, and pulling every replica out of the load balancer when it is down would also stop the cards.
 * Alert on this one instead.
 */
@HealthGroup("feedback")
@ApplicationScoped
public class FeedbackDatabaseCheck implements HealthCheck {
    private static final int TIMEOUT_SECONDS = 2;

    private final InjectableInstance<AgroalDataSource> dataSources;

    FeedbackDatabaseCheck(@Any InjectableInstance<AgroalDataSource> dataSources) {
        this.dataSources = dataSources;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("feedback-database");
        List<AgroalDataSource> active = dataSources.listActive();
        if (active.size() != 1) {
            return response.down().withData("activeDataSources", active.size()).build();
        }
        try (Connection c = active.get(0).getConnection()) {
            return response.status(c.isValid(TIMEOUT_SECONDS))
                    .withData("database", c.getMetaData().getDatabaseProductName()).build();
        } catch (SQLException e) {
            // The SQLState says what kind of failure; the message may hold the JDBC URL, user or host.
            return response.down().withData("sqlState", String.valueOf(e.getSQLState())).build();
        }
    }
}
