package org.mbccds.hooks;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mbccds.feedback.ReasonCoding;
import org.mbccds.testing.RequestBodies;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Feedback over HTTP, checked against the database through a plain JDBC connection of its own (not the service's
 * pool): a row seen there was committed before the 200. Each test uses fresh card uuids, so tests do not see each
 * other's rows; the report test compares counts before and after.
 */
@QuarkusTest
class FeedbackResourceTest {
    private static final String SERVICE = "mbc-order-select";
    private static final String TS = "2026-11-23T10:05:31Z";

    @Test
    void sandboxAcceptedFeedbackIsStoredWithItsSuggestions() throws SQLException {
        String card = uuid();
        String suggestion = uuid();
        post(SERVICE, "{\"feedback\": [{\"card\": \"" + card + "\", \"outcome\": \"accepted\","
                + " \"acceptedSuggestions\": [{\"id\": \"" + suggestion + "\"}], \"outcomeTimestamp\": \"" + TS + "\"}]}")
                .statusCode(200)
                .body("received", equalTo(1)).body("stored", equalTo(1)).body("duplicates", equalTo(0));

        Map<String, Object> row = onlyRow(card);
        assertThat(row).containsEntry("SERVICE_ID", SERVICE).containsEntry("OUTCOME", "accepted");
        assertThat(row.get("OUTCOME_AT").toString()).startsWith("2026-11-23T10:05:31Z");
        assertThat(row.get("RECEIVED_AT")).isNotNull();
        assertThat(row.get("REASON_CODE")).isNull();
        assertThat(row.get("HOOK_INSTANCE")).isNull();
        assertThat(suggestions(card)).containsExactly(suggestion);
    }

    @Test
    void sandboxOverrideReasonWithoutDisplayIsStored() throws SQLException {
        String card = uuid();
        post(SERVICE, "{\"feedback\": [{\"card\": \"" + card + "\", \"outcome\": \"overridden\", \"overrideReason\": {"
                + "\"reason\": {\"code\": \"patient-declined\", \"system\": \"https://example.org/override-reasons\"}},"
                + " \"outcomeTimestamp\": \"" + TS + "\"}]}")
                .statusCode(200).body("stored", equalTo(1));

        Map<String, Object> row = onlyRow(card);
        assertThat(row).containsEntry("OUTCOME", "overridden").containsEntry("REASON_CODE", "patient-declined")
                .containsEntry("REASON_SYSTEM", "https://example.org/override-reasons");
        assertThat(row.get("REASON_DISPLAY")).isNull();
        assertThat(suggestions(card)).isEmpty();
    }

    @Test
    void overriddenWithOnlyAUserCommentIsStored() throws SQLException {
        String card = uuid();
        post(SERVICE, "{\"feedback\": [{\"card\": \"" + card + "\", \"outcome\": \"overridden\","
                + " \"overrideReason\": {\"userComment\": \"Discussed at tumour board; continuing current line\"},"
                + " \"outcomeTimestamp\": \"2026-11-23T11:05:31.250+01:00\"}]}")
                .statusCode(200).body("stored", equalTo(1));

        Map<String, Object> row = onlyRow(card);
        assertThat(row).containsEntry("USER_COMMENT", "Discussed at tumour board; continuing current line");
        assertThat(row.get("REASON_CODE")).isNull();
        assertThat(row.get("OUTCOME_AT").toString()).startsWith("2026-11-23T10:05:31.25");
    }

    @Test
    void epicOverrideReasonsVariantsAreStored() throws SQLException {
        String coded = uuid();
        String category = uuid();
        String hookInstance = uuid();
        // Epic's two documented shapes: overrideReasons (plural, an object) with a reason coding, and with only its
        // reason category extension; extensions on the item are tolerated, a hookInstance there is kept.
        post(SERVICE, "{\"feedback\": [{\"card\": \"" + coded + "\", \"outcome\": \"overridden\","
                + " \"outcomeTimestamp\": \"2022-05-19T19:44:04Z\", \"overrideReasons\": {\"reason\": {\"code\":"
                + " \"contraindicated\", \"display\": \"bad\", \"system\": \"http://example.org/cds-services/fhir/CodeSystem/override-reasons\"},"
                + " \"userComment\": \"User Entered Free Text\"}},"
                + " {\"card\": \"" + category + "\", \"outcome\": \"overridden\", \"outcomeTimestamp\": \"2022-05-19T19:44:04Z\","
                + " \"overrideReasons\": {\"extension\": {"
                + "\"com.epic.cdshooks.feedback.overrideReason.reasonCategory\": \"45\","
                + " \"com.epic.cdshooks.feedback.overrideReason.reasonDisplay\": \"Does not meet criteria\","
                + " \"com.epic.cdshooks.feedback.overrideReason.reasonTitle\": \"Does not meet criteria\"},"
                + " \"userComment\": \"User Entered Free Text\"},"
                + " \"extension\": {\"com.example.hookInstance\": \"" + hookInstance + "\", \"com.epic.other\": {\"x\": 1}},"
                + " \"someFutureField\": true}]}")
                .statusCode(200).body("stored", equalTo(2));

        assertThat(onlyRow(coded)).containsEntry("REASON_CODE", "contraindicated").containsEntry("REASON_DISPLAY", "bad")
                .containsEntry("USER_COMMENT", "User Entered Free Text");
        assertThat(onlyRow(category)).containsEntry("REASON_SYSTEM", ReasonCoding.EPIC_REASON_CATEGORY)
                .containsEntry("REASON_CODE", "45").containsEntry("REASON_DISPLAY", "Does not meet criteria")
                .containsEntry("USER_COMMENT", "User Entered Free Text").containsEntry("HOOK_INSTANCE", hookInstance);
    }

    @Test
    void aHookInstanceFieldOnTheBodyAppliesToItsItems() throws SQLException {
        String card = uuid();
        String hookInstance = uuid();
        post(SERVICE, "{\"hookInstance\": \"" + hookInstance + "\", \"feedback\": [{\"card\": \"" + card + "\","
                + " \"outcome\": \"overridden\", \"outcomeTimestamp\": \"" + TS + "\"}]}")
                .statusCode(200);
        assertThat(onlyRow(card)).containsEntry("HOOK_INSTANCE", hookInstance);
    }

    @Test
    void aBatchIsStoredAndARepeatedBatchIsStoredOnce() throws SQLException {
        String a = uuid();
        String b = uuid();
        String c = uuid();
        String batch = "{\"feedback\": [" + accepted(a, uuid()) + ", " + overridden(b, "wrong-subtype", "Wrong subtype")
                + ", " + overridden(c, null, null) + "]}";
        post(SERVICE, batch).statusCode(200).body("received", equalTo(3)).body("stored", equalTo(3));
        post(SERVICE, batch).statusCode(200).body("received", equalTo(3)).body("stored", equalTo(0))
                .body("duplicates", equalTo(3));

        assertThat(rows(a)).hasSize(1);
        assertThat(rows(b)).hasSize(1);
        assertThat(rows(c)).hasSize(1);
        assertThat(suggestions(a)).hasSize(1);
    }

    @Test
    void theSameItemTwiceInOneRequestIsStoredOnceButALaterOutcomeIsNew() throws SQLException {
        String card = uuid();
        String item = overridden(card, "not-indicated", "Not indicated");
        post(SERVICE, "{\"feedback\": [" + item + ", " + item + "]}").statusCode(200)
                .body("stored", equalTo(1)).body("duplicates", equalTo(1));
        post(SERVICE, "{\"feedback\": [" + item.replace(TS, "2026-11-23T10:06:00Z") + "]}").statusCode(200)
                .body("stored", equalTo(1));
        assertThat(rows(card)).hasSize(2);
    }

    static Stream<Arguments> malformedItems() {
        return Stream.of(
                Arguments.of("missing card", "{\"outcome\": \"overridden\", \"outcomeTimestamp\": \"" + TS + "\"}",
                        "feedback[1].card is required"),
                Arguments.of("bad outcome", "{\"card\": \"" + uuid() + "\", \"outcome\": \"dismissed\", \"outcomeTimestamp\": \""
                        + TS + "\"}", "feedback[1].outcome must be 'accepted' or 'overridden', not 'dismissed'"),
                Arguments.of("accepted without acceptedSuggestions", "{\"card\": \"" + uuid() + "\", \"outcome\": \"accepted\","
                        + " \"outcomeTimestamp\": \"" + TS + "\"}", "feedback[1].acceptedSuggestions is required when outcome is 'accepted'"),
                Arguments.of("bad timestamp", "{\"card\": \"" + uuid() + "\", \"outcome\": \"overridden\","
                        + " \"outcomeTimestamp\": \"2026-11-23 10:05\"}", "feedback[1].outcomeTimestamp must be an RFC 3339 date-time"),
                Arguments.of("timestamp without time zone", "{\"card\": \"" + uuid() + "\", \"outcome\": \"overridden\","
                        + " \"outcomeTimestamp\": \"2026-11-23T10:05:31\"}", "feedback[1].outcomeTimestamp must be an RFC 3339 date-time"),
                Arguments.of("empty override reason", "{\"card\": \"" + uuid() + "\", \"outcome\": \"overridden\","
                        + " \"overrideReason\": {}, \"outcomeTimestamp\": \"" + TS + "\"}",
                        "feedback[1].overrideReason needs a 'reason' coding or a 'userComment'"),
                Arguments.of("item not an object", "\"" + uuid() + "\"", "feedback[1] must be an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedItems")
    void aMalformedItemRefusesTheWholeRequest(String name, String badItem, String expected) throws SQLException {
        String good = uuid();
        post(SERVICE, "{\"feedback\": [" + accepted(good, uuid()) + ", " + badItem + "]}")
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString(expected))
                .body("issue[0].diagnostics", containsString("nothing of this request was stored"))
                .body("issue.expression.flatten()", hasItem(containsString("feedback[1]")));
        assertThat(rows(good)).as("the valid item of a refused request").isEmpty();
    }

    @Test
    void everyProblemIsNamedWithItsItem() {
        post(SERVICE, "{\"feedback\": [{\"outcome\": \"accepted\", \"outcomeTimestamp\": \"" + TS + "\"},"
                + " {\"card\": \"" + uuid() + "\", \"outcome\": \"overridden\", \"outcomeTimestamp\": \"yesterday\"}]}")
                .statusCode(400)
                .body("issue.diagnostics", hasItem(containsString("feedback[0].card is required")))
                .body("issue.diagnostics", hasItem(containsString("feedback[0].acceptedSuggestions is required")))
                .body("issue.diagnostics", hasItem(containsString("feedback[1].outcomeTimestamp must be an RFC 3339")));
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("feedback not an array", "{\"feedback\": {\"card\": \"x\"}}", "feedback must be an array"),
                Arguments.of("feedback missing", "{\"cards\": []}", "feedback is required"),
                Arguments.of("body an array", "[{\"card\": \"x\"}]", "must be a JSON object"),
                Arguments.of("body not JSON", "{\"feedback\": [", "not valid JSON"),
                Arguments.of("body empty", "", "The request body is empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void aMalformedBodyIsRefused(String name, String body, String expected) throws SQLException {
        long before = totalRows();
        post(SERVICE, body).statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString(expected));
        assertThat(totalRows()).isEqualTo(before);
    }

    @Test
    void tooManyItemsAreRefusedWith413() {
        StringBuilder b = new StringBuilder("{\"feedback\": [");
        for (int i = 0; i < 1001; i++) {
            b.append(i == 0 ? "" : ",").append(overridden(uuid(), null, null));
        }
        post(SERVICE, b.append("]}").toString()).statusCode(413)
                .body("issue[0].diagnostics", containsString("At most 1000 feedback items"));
    }

    @Test
    void anEmptyFeedbackArrayIsAcknowledged() {
        post(SERVICE, "{\"feedback\": []}").statusCode(200).body("received", equalTo(0)).body("stored", equalTo(0));
    }

    @Test
    void unknownServiceIs404() {
        post("no-such-service", "{\"feedback\": [" + overridden(uuid(), null, null) + "]}")
                .statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-found"));
        given().when().get("/cds-services/no-such-service/feedback/report").then().statusCode(404);
    }

    @Test
    void theReportCountsPerServiceCardAndOverrideReason() {
        String service = "mbc-order-sign";
        String reason = "r-" + uuid();
        String a = uuid();
        String b = uuid();
        String c = uuid();
        Map<String, Object> before = report(service);

        post(service, "{\"feedback\": [" + accepted(a, uuid()) + ", "
                + overridden(a, reason, "Patient preference").replace(TS, "2026-11-23T10:07:00Z") + ", "
                + overridden(b, reason, null) + ", " + overridden(c, null, null) + "]}")
                .statusCode(200).body("stored", equalTo(4));

        Map<String, Object> after = report(service);
        assertThat(delta(before, after, "items")).isEqualTo(4);
        assertThat(delta(before, after, "accepted")).isEqualTo(1);
        assertThat(delta(before, after, "overridden")).isEqualTo(3);
        assertThat(delta(before, after, "overriddenWithoutCodedReason")).isEqualTo(1);
        assertThat(delta(before, after, "cards")).isEqualTo(3);
        assertThat(after.get("service")).isEqualTo(service);
        assertThat(after.get("lastOutcome")).isNotNull();

        List<Map<String, Object>> reasons = list(after, "byOverrideReason");
        Map<String, Object> ours = reasons.stream().filter(r -> reason.equals(r.get("code"))).findFirst().orElseThrow();
        assertThat(ours).containsEntry("count", 2).containsEntry("display", "Patient preference")
                .containsEntry("system", "https://example.org/override-reasons");

        Map<String, Object> cardA = list(after, "byCard").stream().filter(r -> a.equals(r.get("card"))).findFirst()
                .orElseThrow();
        assertThat(cardA).containsEntry("accepted", 1).containsEntry("overridden", 1);
        assertThat(cardA.get("lastOutcome").toString()).startsWith("2026-11-23T10:07");

        given().when().get("/cds-services/" + service + "/feedback/report?cards=1").then().statusCode(200)
                .body("byCard.size()", equalTo(1)).body("byCardLimit", equalTo(1));
        given().when().get("/cds-services/" + service + "/feedback/report?cards=lots").then().statusCode(400)
                .body("issue[0].diagnostics", containsString("'cards' must be a whole number"));
    }

    @Test
    void theReportCountsPerTopicTheCardsThisServiceIssued() {
        String service = "mbc-patient-view";
        String request = RequestBodies.patientViewWithPrefetchFrom("trial-matching/TrialMatching_Patient01.json").toString();
        List<Map<String, Object>> cards = given().contentType(ContentType.JSON).body(request)
                .when().post("/cds-services/" + service)
                .then().statusCode(200).extract().jsonPath().getList("cards");
        assertThat(cards).isNotEmpty();
        Map<String, Object> card = cards.get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> topic = (Map<String, Object>) ((Map<String, Object>) card.get("source")).get("topic");
        String topicCode = (String) topic.get("code");
        Map<String, Object> before = report(service);
        long acceptedBefore = topicRow(before, topicCode).map(r -> ((Number) r.get("accepted")).longValue()).orElse(0L);

        post(service, "{\"feedback\": [" + accepted((String) card.get("uuid"), uuid()) + "]}").statusCode(200);

        Map<String, Object> row = topicRow(report(service), topicCode).orElseThrow();
        assertThat(((Number) row.get("accepted")).longValue()).isEqualTo(acceptedBefore + 1);
        assertThat(row.get("display")).isEqualTo(topic.get("display"));
    }

    // --- helpers

    private static java.util.Optional<Map<String, Object>> topicRow(Map<String, Object> report, String topic) {
        return list(report, "byTopic").stream().filter(r -> topic.equals(r.get("topic"))).findFirst();
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    private static String accepted(String card, String suggestion) {
        return "{\"card\": \"" + card + "\", \"outcome\": \"accepted\", \"acceptedSuggestions\": [{\"id\": \"" + suggestion
                + "\"}], \"outcomeTimestamp\": \"" + TS + "\"}";
    }

    /** Overridden with a coded reason when code is given, else with a comment only. */
    private static String overridden(String card, String code, String display) {
        String reason = code == null ? "{\"userComment\": \"Not now\"}"
                : "{\"reason\": {\"system\": \"https://example.org/override-reasons\", \"code\": \"" + code + "\""
                + (display == null ? "" : ", \"display\": \"" + display + "\"") + "}}";
        return "{\"card\": \"" + card + "\", \"outcome\": \"overridden\", \"overrideReason\": " + reason
                + ", \"outcomeTimestamp\": \"" + TS + "\"}";
    }

    private static ValidatableResponse post(String service, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/cds-services/" + service + "/feedback")
                .then();
    }

    private static Map<String, Object> report(String service) {
        return given().when().get("/cds-services/" + service + "/feedback/report")
                .then().statusCode(200).extract().jsonPath().getMap("");
    }

    private static long delta(Map<String, Object> before, Map<String, Object> after, String field) {
        return ((Number) after.get(field)).longValue() - ((Number) before.get(field)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> report, String field) {
        return (List<Map<String, Object>>) report.get(field);
    }

    /** A connection of its own to the service's database file, outside the service's pool and transactions. */
    private static Connection connect() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        assertThat(url).as("tests never touch ./data").contains("target/feedback-test/");
        return DriverManager.getConnection(url, "sa", "");
    }

    private static List<Map<String, Object>> rows(String card) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT * FROM feedback WHERE card_uuid = ?")) {
            ps.setString(1, card);
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    private static Map<String, Object> onlyRow(String card) throws SQLException {
        List<Map<String, Object>> rows = rows(card);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static List<String> suggestions(String card) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT s.suggestion_id FROM feedback_suggestion s"
                + " JOIN feedback f ON f.item_key = s.item_key WHERE f.card_uuid = ?")) {
            ps.setString(1, card);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        }
    }

    private static long totalRows() throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM feedback")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
