package org.mbccds.ops;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;

/**
 * JSON console logs without quarkus-logging-json (not served at this Quarkus version): {@link JsonLogFormatter} is
 * put on Quarkus's console handler when the application starts. The lines Quarkus writes before that (a few
 * start-up lines: Flyway, the datasource) stay plain text; everything after, including the knowledge loading and
 * every request, is JSON.
 * <p>
 * What goes in a line is what the code logs: hook calls log the hookInstance, service and counts, and the hookInstance
 * also rides in the MDC ({@code mdc.hookInstance}); nothing logs patient identifiers, names or resource content.
 */
@ApplicationScoped
public class JsonLogs {

    /** Before the @Startup beans (knowledge loading), so their lines are JSON too. */
    void onStart(@Observes @Priority(1) StartupEvent event, LogConfig config) {
        if (config.json()) {
            consoleHandlers().forEach(h -> h.setFormatter(new JsonLogFormatter()));
        }
    }

    /** The console handlers under the root logger, however Quarkus nested them (delayed, async). */
    public static List<ConsoleHandler> consoleHandlers() {
        List<ConsoleHandler> found = new ArrayList<>();
        for (Handler h : LogContext.getLogContext().getLogger("").getHandlers()) {
            collect(h, found);
        }
        return found;
    }

    private static void collect(Handler handler, List<ConsoleHandler> found) {
        if (handler instanceof ConsoleHandler console) {
            found.add(console);
        }
        if (handler instanceof ExtHandler ext) {
            for (Handler child : ext.getHandlers()) {
                collect(child, found);
            }
        }
    }
}
