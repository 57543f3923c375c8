package org.mbccds.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls to the CDS service under test, and loopback ports for FHIR servers that are (not) there. */
public final class Http {
    private Http() {
    }

    public static Response post(String serviceId, JsonNode body) {
        try {
            return post(serviceId, Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Response post(String serviceId, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/cds-services/" + serviceId);
    }

    /** The JSON body of a 200 answer; fails with the body when the status is another. */
    public static JsonNode ok(Response response) {
        assertEquals(200, response.statusCode(), () -> "status " + response.statusCode() + ": " + response.asString());
        return Json.parse(response.asString());
    }

    /** The OperationOutcome of an error answer with this status; returns issue[0].diagnostics. */
    public static String error(Response response, int status) {
        assertEquals(status, response.statusCode(), () -> "expected " + status + ", got " + response.statusCode() + ": "
                + response.asString());
        assertTrue(response.contentType().startsWith("application/json"), () -> "content type " + response.contentType());
        JsonNode outcome = Json.parse(response.asString());
        assertEquals("OperationOutcome", outcome.path("resourceType").asText(), () -> "not an OperationOutcome: " + outcome);
        JsonNode issue = outcome.path("issue").path(0);
        assertEquals("error", issue.path("severity").asText(), () -> "issue severity: " + outcome);
        assertTrue(issue.path("code").isTextual(), () -> "issue code: " + outcome);
        String diagnostics = issue.path("diagnostics").asText("");
        assertTrue(!diagnostics.isBlank(), () -> "no diagnostics: " + outcome);
        return diagnostics;
    }

    /** A loopback port that nothing listens on (bound by the OS, then released). */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
