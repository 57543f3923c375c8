package org.mbccds.hooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

@ApplicationScoped
public class ClockProducer {
    /** Ages and time windows are computed in UTC dates; tests may replace this bean with a fixed clock. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
