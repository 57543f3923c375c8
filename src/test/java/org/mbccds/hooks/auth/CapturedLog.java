package org.mbccds.hooks.auth;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The messages logged to one category while a test runs. */
final class CapturedLog extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private CapturedLog(String category) {
        this.logger = Logger.getLogger(category);
        logger.addHandler(this);
    }

    static CapturedLog of(String category) {
        return new CapturedLog(category);
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    /** The last "CDS client refused" line. */
    String lastRefusal() {
        return messages.stream().filter(m -> m.startsWith("CDS client refused")).reduce((a, b) -> b).orElse("(none)");
    }

    @Override
    public void publish(LogRecord record) {
        messages.add(String.valueOf(record.getMessage()));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
