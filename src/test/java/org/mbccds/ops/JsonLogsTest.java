package org.mbccds.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mbccds.testing.Http;
import org.mbccds.testing.Json;
import org.mbccds.testing.RequestBodies;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With mbc.log.json=true (the prod profile), what the console would print for a hook call: every line is one JSON
 * object, the service's lines carry the call's hookInstance as a field, and nothing identifies the patient.
 */
@QuarkusTest
@TestProfile(JsonLogsProfile.class)
class JsonLogsTest {
    private static final String HOOK_INSTANCE = "5a1e7c0d-4f7e-4d0a-9a51-0b7e3c2d9f44";
    private static final String PATIENT_ID = "pt-QX7731-zebediah";
    private static final String FAMILY = "Quuxworthington";
    private static final String GIVEN = "Zebediah";
    private static final String BIRTH_DATE = "1951-02-03";
    private static final String MRN = "MRN-88442211";

    /** Formats each record as the console handler would, on the thread and at the moment it is logged (MDC). */
    private final class Capture extends Handler {
        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final JsonLogFormatter formatter = new JsonLogFormatter();
    private final Capture capture = new Capture();

    @BeforeEach
    void capture() {
        capture.setLevel(Level.ALL);
        LogContext.getLogContext().getLogger("").addHandler(capture);
    }

    @AfterEach
    void release() {
        LogContext.getLogContext().getLogger("").removeHandler(capture);
    }

    @Test
    void theConsoleWritesJson() {
        assertThat(JsonLogs.consoleHandlers()).isNotEmpty()
                .allSatisfy(h -> assertThat(h.getFormatter()).isInstanceOf(JsonLogFormatter.class));
    }

    @Test
    void aHookCallsLinesCarryItsHookInstanceAndNothingThatIdentifiesThePatient() {
        ObjectNode body = RequestBodies.patientView();
        body.put("hookInstance", HOOK_INSTANCE);
        ((ObjectNode) body.get("context")).put("patientId", PATIENT_ID);
        ObjectNode patient = Json.MAPPER.createObjectNode();
        patient.put("resourceType", "Patient");
        patient.put("id", PATIENT_ID);
        patient.put("birthDate", BIRTH_DATE);
        patient.put("gender", "female");
        ObjectNode name = ((ArrayNode) patient.putArray("name")).addObject();
        name.put("family", FAMILY);
        name.putArray("given").add(GIVEN);
        ObjectNode identifier = patient.putArray("identifier").addObject();
        identifier.put("system", "urn:oid:1.2.3.4");
        identifier.put("value", MRN);
        ((ObjectNode) body.get("prefetch")).set("patient", patient);
        // A FHIR server that is not there: the reads and their failures take the paths that could log a query URL.
        ((ObjectNode) body.get("prefetch")).remove("medAdministrations");
        body.put("fhirServer", "http://127.0.0.1:" + Http.closedPort() + "/fhir");

        Http.ok(Http.post("mbc-patient-view", body));

        List<JsonNode> records = lines.stream().map(line -> {
            assertThat(line).endsWith("\n");
            assertThat(line.strip()).doesNotContain("\n");
            return Json.parse(line);
        }).toList();
        List<JsonNode> ofTheCall = records.stream()
                .filter(r -> HOOK_INSTANCE.equals(r.path("hookInstance").asText())).toList();
        assertThat(ofTheCall).as("lines with the hookInstance field: %s", lines).isNotEmpty();
        assertThat(ofTheCall).anySatisfy(r -> {
            assertThat(r.path("logger").asText()).isEqualTo("org.mbccds.hooks.CdsServiceHandler");
            assertThat(r.path("message").asText()).contains("service=mbc-patient-view");
            assertThat(r.path("level").asText()).isEqualTo("INFO");
            assertThat(r.path("timestamp").asText()).endsWith("Z");
        });
        for (String line : lines) {
            assertThat(line).doesNotContain(PATIENT_ID, FAMILY, GIVEN, BIRTH_DATE, MRN);
        }
    }

    @Test
    void theHookInstanceDoesNotOutliveTheCall() {
        ObjectNode body = RequestBodies.patientView();
        body.put("hookInstance", HOOK_INSTANCE);
        Http.ok(Http.post("mbc-patient-view", body));
        lines.clear();

        org.jboss.logging.Logger.getLogger("org.mbccds.test").info("after the call");

        assertThat(lines).singleElement().satisfies(line -> assertThat(Json.parse(line).has("hookInstance")).isFalse());
    }

    @Test
    void aMessageWithQuotesNewlinesAndAStackTraceIsStillOneLineOfJson() {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "line one \"quoted\"\nline two\ttab \u0001", "x");
        record.setLoggerName("org.mbccds.test");
        record.setThrown(new IllegalStateException("boom"));
        String line = formatter.format(record);
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = Json.parse(line);
        assertThat(json.path("message").asText()).isEqualTo("line one \"quoted\"\nline two\ttab \u0001");
        assertThat(json.path("level").asText()).isEqualTo("WARNING");
        assertThat(json.path("exception").asText()).contains("IllegalStateException: boom", "at org.mbccds");
    }
}
