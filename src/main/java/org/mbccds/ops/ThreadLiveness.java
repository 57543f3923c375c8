package org.mbccds.ops;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Alive unless threads are deadlocked: the one state this stateless service cannot leave without a restart. Nothing
 * external is checked here (a FHIR server or database outage must never make the orchestrator kill replicas).
 */
@Liveness
@ApplicationScoped
public class ThreadLiveness implements HealthCheck {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Override
    public HealthCheckResponse call() {
        long[] deadlocked = threads.findDeadlockedThreads();
        return HealthCheckResponse.named("threads")
                .status(deadlocked == null)
                .withData("deadlocked", deadlocked == null ? 0 : deadlocked.length)
                .build();
    }
}
