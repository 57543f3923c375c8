package org.mbccds.ops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object per line: timestamp (UTC), level, logger, thread, message, the MDC entries as top-level fields
 * (hookInstance during a hook call) and the stack trace when there is one. Jackson writes it, so quotes, newlines
 * and control characters in a message are escaped and one record is always one line.
 * <p>
 * Not JBoss LogManager's own JsonFormatter: LogManager is loaded by the JVM's class loader, which cannot see the
 * JSON-P implementation inside the application, so that formatter fails at run time.
 */
public class JsonLogFormatter extends ExtFormatter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);
    private static final Set<String> FIXED = Set.of("timestamp", "level", "logger", "thread", "message", "exception");

    @Override
    public String format(ExtLogRecord record) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("timestamp", TIME.format(Instant.ofEpochMilli(record.getMillis())));
            json.writeStringField("level", record.getLevel().getName());
            json.writeStringField("logger", record.getLoggerName());
            json.writeStringField("thread", record.getThreadName());
            json.writeStringField("message", formatMessage(record));
            for (Map.Entry<String, String> e : record.getMdcCopy().entrySet()) {
                if (!FIXED.contains(e.getKey())) {
                    json.writeStringField(e.getKey(), e.getValue());
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                json.writeStringField("exception", trace.toString());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }
}
