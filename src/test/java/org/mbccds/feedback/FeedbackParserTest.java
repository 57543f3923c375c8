package org.mbccds.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The feedback shapes real clients send (spec, sandbox, Epic, older clients) and the refusals, without HTTP. */
class FeedbackParserTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant T = Instant.parse("2021-12-11T10:05:31Z");

    private static List<FeedbackItem> parse(String json) {
        try {
            return FeedbackParser.parse(MAPPER.readTree(json.replace('\'', '"')));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static FeedbackItem one(String itemJson) {
        List<FeedbackItem> items = parse("{'feedback': [" + itemJson + "]}");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static List<String> problems(String json) {
        InvalidFeedbackException e = catchThrowableOfType(InvalidFeedbackException.class, () -> parse(json));
        assertThat(e).as("refused").isNotNull();
        return e.problems().stream().map(InvalidFeedbackException.Problem::text).toList();
    }

    @Test
    void sandboxAcceptedSuggestion() {
        FeedbackItem item = one("{'card': 'c1', 'outcome': 'accepted', 'acceptedSuggestions': [{'id': 's1'}],"
                + " 'outcomeTimestamp': '2021-12-11T10:05:31Z'}");
        assertThat(item.card()).isEqualTo("c1");
        assertThat(item.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(item.acceptedSuggestions()).containsExactly("s1");
        assertThat(item.outcomeTimestamp()).isEqualTo(T);
        assertThat(item.reason()).isEmpty();
        assertThat(item.userComment()).isEmpty();
        assertThat(item.hookInstance()).isEmpty();
    }

    @Test
    void sandboxOverrideReasonHasSystemAndCodeWithoutDisplay() {
        FeedbackItem item = one("{'card': 'c1', 'outcome': 'overridden', 'overrideReason': {'reason':"
                + " {'code': 'reason-code-provided-by-service', 'system': 'http://example.org/cds-services/fhir/CodeSystem/override-reasons'}},"
                + " 'outcomeTimestamp': '2021-12-11T10:05:31Z'}");
        assertThat(item.outcome()).isEqualTo(Outcome.OVERRIDDEN);
        assertThat(item.reason()).contains(new ReasonCoding(
                Optional.of("http://example.org/cds-services/fhir/CodeSystem/override-reasons"),
                "reason-code-provided-by-service", Optional.empty()));
    }

    @Test
    void specOverrideWithReasonAndComment() {
        FeedbackItem item = one("{'card': 'c1', 'outcome': 'overridden', 'overrideReason': {'reason': {'system': 's',"
                + " 'code': 'c', 'display': 'd'}, 'userComment': 'why'}, 'outcomeTimestamp': '2021-12-11T10:05:31Z'}");
        assertThat(item.reason()).contains(new ReasonCoding(Optional.of("s"), "c", Optional.of("d")));
        assertThat(item.userComment()).contains("why");
    }

    @Test
    void anOlderClientsFlatCodingIsTheReason() {
        FeedbackItem item = one("{'card': 'c1', 'outcome': 'overridden', 'overrideReason': {'system': 's', 'code': 'c',"
                + " 'display': 'd'}, 'outcomeTimestamp': '2021-12-11T10:05:31Z'}");
        assertThat(item.reason()).contains(new ReasonCoding(Optional.of("s"), "c", Optional.of("d")));
    }

    @Test
    void epicOverrideReasonsObjectWithReason() {
        FeedbackItem item = one("{'card': '123456', 'outcome': 'overridden', 'outcomeTimestamp': '2022-05-19T19:44:04Z',"
                + " 'overrideReasons': {'reason': {'code': 'contraindicated', 'display': 'bad', 'system':"
                + " 'http: //example.org/cds-services/fhir/CodeSystem/override-reasons'}, 'userComment': 'User Entered Free Text'}}");
        assertThat(item.card()).isEqualTo("123456");
        assertThat(item.reason().map(ReasonCoding::code)).contains("contraindicated");
        assertThat(item.userComment()).contains("User Entered Free Text");
    }

    @Test
    void epicReasonCategoryExtensionBecomesTheReason() {
        FeedbackItem item = one("{'card': '123456', 'outcome': 'overridden', 'outcomeTimestamp': '2022-05-19T19:44:04Z',"
                + " 'overrideReasons': {'extension': {"
                + "'com.epic.cdshooks.feedback.overrideReason.reasonCategory': '45',"
                + " 'com.epic.cdshooks.feedback.overrideReason.reasonDisplay': 'Does not meet criteria',"
                + " 'com.epic.cdshooks.feedback.overrideReason.reasonTitle': 'Title'},"
                + " 'userComment': 'User Entered Free Text'}}");
        assertThat(item.reason()).contains(new ReasonCoding(Optional.of(ReasonCoding.EPIC_REASON_CATEGORY), "45",
                Optional.of("Does not meet criteria")));
        assertThat(item.userComment()).contains("User Entered Free Text");
    }

    @Test
    void epicNumericCategoryAndTitleWithoutDisplay() {
        FeedbackItem item = one("{'card': 'c', 'outcome': 'overridden', 'outcomeTimestamp': '2022-05-19T19:44:04Z',"
                + " 'overrideReasons': {'extension': {'com.epic.cdshooks.feedback.overrideReason.reasonCategory': 45,"
                + " 'com.epic.cdshooks.feedback.overrideReason.reasonTitle': 'Title'}}}");
        assertThat(item.reason()).contains(new ReasonCoding(Optional.of(ReasonCoding.EPIC_REASON_CATEGORY), "45",
                Optional.of("Title")));
        assertThat(item.userComment()).isEmpty();
    }

    @Test
    void epicOverrideReasonsArrayTakesTheFirstReasonAndEveryComment() {
        FeedbackItem item = one("{'card': 'c', 'outcome': 'overridden', 'outcomeTimestamp': '2022-05-19T19:44:04Z',"
                + " 'overrideReasons': [{'userComment': 'first'}, {'reason': {'system': 's', 'code': 'a'}},"
                + " {'reason': {'system': 's', 'code': 'b'}, 'userComment': 'second'}]}");
        assertThat(item.reason().map(ReasonCoding::code)).contains("a");
        assertThat(item.userComment()).contains("first\nsecond");
    }

    @Test
    void theSpecFieldWinsOverEpicsPlural() {
        FeedbackItem item = one("{'card': 'c', 'outcome': 'overridden', 'outcomeTimestamp': '2022-05-19T19:44:04Z',"
                + " 'overrideReason': {'reason': {'system': 's', 'code': 'spec'}},"
                + " 'overrideReasons': {'reason': {'system': 's', 'code': 'epic'}}}");
        assertThat(item.reason().map(ReasonCoding::code)).contains("spec");
    }

    @Test
    void unknownFieldsAndExtensionsAreTolerated() {
        FeedbackItem item = one("{'card': 'c', 'outcome': 'overridden', 'outcomeTimestamp': '2021-12-11T10:05:31Z',"
                + " 'extension': {'com.example.x': {'nested': [1, 2]}}, 'futureField': null, 'ignored': [true]}");
        assertThat(item.card()).isEqualTo("c");
        assertThat(parse("{'feedback': [], 'extension': {'a.b': 1}, 'other': 2}")).isEmpty();
    }

    @Test
    void hookInstanceFromTheItemItsExtensionOrTheBody() {
        assertThat(one("{'card': 'c', 'outcome': 'overridden', 'outcomeTimestamp': '2021-12-11T10:05:31Z',"
                + " 'hookInstance': 'h1'}").hookInstance()).contains("h1");
        assertThat(one("{'card': 'c', 'outcome': 'overridden', 'outcomeTimestamp': '2021-12-11T10:05:31Z',"
                + " 'extension': {'com.example.cdshooks.hookInstance': 'h2'}}").hookInstance()).contains("h2");
        List<FeedbackItem> items = parse("{'extension': {'hookInstance': 'batch'}, 'feedback': ["
                + "{'card': 'a', 'outcome': 'overridden', 'outcomeTimestamp': '2021-12-11T10:05:31Z'},"
                + "{'card': 'b', 'outcome': 'overridden', 'outcomeTimestamp': '2021-12-11T10:05:31Z', 'hookInstance': 'own'}]}");
        assertThat(items.get(0).hookInstance()).contains("batch");
        assertThat(items.get(1).hookInstance()).contains("own");
        assertThat(one("{'card': 'c', 'outcome': 'overridden', 'outcomeTimestamp': '2021-12-11T10:05:31Z',"
                + " 'hookInstance': 42}").hookInstance()).as("optional data that is not a string").isEmpty();
    }

    @Test
    void repeatedSuggestionIdsAreKeptOnce() {
        FeedbackItem item = one("{'card': 'c', 'outcome': 'accepted', 'acceptedSuggestions': [{'id': 'a'}, {'id': 'b'},"
                + " {'id': 'a'}], 'outcomeTimestamp': '2021-12-11T10:05:31Z'}");
        assertThat(item.acceptedSuggestions()).containsExactly("a", "b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-12-11T10:05:31Z", "2021-12-11t10:05:31z", "2021-12-11 10:05:31Z",
            "2021-12-11T11:05:31+01:00", "2021-12-11T05:05:31-05:00", "2021-12-11T10:05:31.000Z"})
    void rfc3339TimestampsWithAZone(String text) {
        assertThat(FeedbackParser.rfc3339(text)).contains(T);
    }

    @Test
    void fractionalSecondsAreKept() {
        assertThat(FeedbackParser.rfc3339("2021-12-11T10:05:31.123456789Z"))
                .contains(Instant.parse("2021-12-11T10:05:31.123456789Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-12-11T10:05:31", "2021-12-11T10:05Z", "2021-12-11", "2021-13-11T10:05:31Z",
            "2021-02-30T10:05:31Z", "2021-12-11T25:05:31Z", "1639217131", "yesterday", " 2021-12-11T10:05:31Z",
            "2021-12-11T10:05:31+0100"})
    void notRfc3339(String text) {
        assertThat(FeedbackParser.rfc3339(text)).isEmpty();
    }

    @Test
    void theKeyIgnoresSuggestionOrderAndTimeZoneNotation() {
        FeedbackItem a = one("{'card': 'c', 'outcome': 'accepted', 'acceptedSuggestions': [{'id': 'x'}, {'id': 'y'}],"
                + " 'outcomeTimestamp': '2021-12-11T10:05:31Z'}");
        FeedbackItem b = one("{'card': 'c', 'outcome': 'accepted', 'acceptedSuggestions': [{'id': 'y'}, {'id': 'x'}],"
                + " 'outcomeTimestamp': '2021-12-11T11:05:31+01:00', 'hookInstance': 'h', 'extension': {'x': 1}}");
        assertThat(a.key("svc")).isEqualTo(b.key("svc")).hasSize(64);
        assertThat(a.key("svc")).isNotEqualTo(a.key("other-svc"));
    }

    @Test
    void theKeyTellsDifferentItemsApart() {
        String base = "{'card': 'c', 'outcome': 'overridden', 'overrideReason': {'reason': {'system': 's', 'code': 'r'},"
                + " 'userComment': 'u'}, 'outcomeTimestamp': '2021-12-11T10:05:31Z'}";
        String key = one(base).key("svc");
        assertThat(one(base.replace("'c'", "'c2'")).key("svc")).isNotEqualTo(key);
        assertThat(one(base.replace("'r'", "'r2'")).key("svc")).isNotEqualTo(key);
        assertThat(one(base.replace("'u'", "'u2'")).key("svc")).isNotEqualTo(key);
        assertThat(one(base.replace("10:05:31Z", "10:05:32Z")).key("svc")).isNotEqualTo(key);
    }

    // --- refusals

    @Test
    void theBodyMustBeAnObjectWithAFeedbackArray() {
        assertThat(problems("[]")).containsExactly("The request body must be a JSON object: {\"feedback\": [ ... ]}");
        assertThat(problems("{}")).containsExactly("feedback is required: an array of feedback items");
        assertThat(problems("{'feedback': {}}")).containsExactly("feedback must be an array of feedback items, not an object");
        assertThat(problems("{'feedback': 'x'}")).containsExactly("feedback must be an array of feedback items, not a string");
    }

    @Test
    void requiredFieldsAreNamedWithTheItemIndex() {
        assertThat(problems("{'feedback': [{'card': 'ok', 'outcome': 'overridden', 'outcomeTimestamp': '2021-12-11T10:05:31Z'},"
                + " {}]}")).containsExactly(
                "feedback[1].card is required",
                "feedback[1].outcome is required",
                "feedback[1].outcomeTimestamp is required");
    }

    @Test
    void wrongTypesAndValuesAreNamed() {
        assertThat(problems("{'feedback': [{'card': 7, 'outcome': 'ignored', 'outcomeTimestamp': 1639217131}]}"))
                .containsExactly(
                        "feedback[0].card must be a string, not a number",
                        "feedback[0].outcome must be 'accepted' or 'overridden', not 'ignored'",
                        "feedback[0].outcomeTimestamp must be a string, not a number");
        assertThat(problems("{'feedback': [{'card': ' ', 'outcome': 'overridden', 'outcomeTimestamp': '2021-12-11T10:05:31Z'}]}"))
                .containsExactly("feedback[0].card must not be empty");
        assertThat(problems("{'feedback': [{'card': '" + "x".repeat(201) + "', 'outcome': 'overridden',"
                + " 'outcomeTimestamp': '2021-12-11T10:05:31Z'}]}"))
                .containsExactly("feedback[0].card is longer than 200 characters");
        assertThat(problems("{'feedback': [42]}")).containsExactly("feedback[0] must be an object, not a number");
        assertThat(problems("{'feedback': [{'card': 'c', 'outcome': 'overridden', 'outcomeTimestamp': '2021-12-11T10:05:31Z',"
                + " 'overrideReason': {'userComment': 'a\\u0000b'}}]}"))
                .containsExactly("feedback[0].overrideReason.userComment must not contain NUL characters");
    }

    @Test
    void acceptedNeedsItsSuggestions() {
        String head = "{'feedback': [{'card': 'c', 'outcome': 'accepted', 'outcomeTimestamp': '2021-12-11T10:05:31Z'";
        assertThat(problems(head + "}]}")).containsExactly("feedback[0].acceptedSuggestions is required when outcome is"
                + " 'accepted': [{\"id\": <suggestion uuid>}, ...]");
        assertThat(problems(head + ", 'acceptedSuggestions': []}]}"))
                .containsExactly("feedback[0].acceptedSuggestions must name at least one suggestion when outcome is 'accepted'");
        assertThat(problems(head + ", 'acceptedSuggestions': [{'uuid': 'x'}, 3]}]}")).containsExactly(
                "feedback[0].acceptedSuggestions[0].id is required",
                "feedback[0].acceptedSuggestions[1] must be an object {\"id\": <suggestion uuid>}, not a number");
        assertThat(problems(head + ", 'acceptedSuggestions': {'id': 'x'}}]}"))
                .containsExactly("feedback[0].acceptedSuggestions must be an array of {\"id\": <suggestion uuid>}, not an object");
    }

    @Test
    void anOverrideReasonNeedsAReasonOrAComment() {
        String head = "{'feedback': [{'card': 'c', 'outcome': 'overridden', 'outcomeTimestamp': '2021-12-11T10:05:31Z', ";
        assertThat(problems(head + "'overrideReason': {}}]}"))
                .containsExactly("feedback[0].overrideReason needs a 'reason' coding or a 'userComment' (cds-fb-3)");
        assertThat(problems(head + "'overrideReasons': {'extension': {'other': 1}}}]}"))
                .containsExactly("feedback[0].overrideReasons needs a 'reason' coding or a 'userComment' (cds-fb-3)");
        assertThat(problems(head + "'overrideReason': {'reason': {'system': 's'}}}]}"))
                .containsExactly("feedback[0].overrideReason.reason.code is required");
        assertThat(problems(head + "'overrideReason': {'reason': 'wrong'}}]}"))
                .containsExactly("feedback[0].overrideReason.reason must be a Coding {\"system\", \"code\", \"display\"}, not a string");
        assertThat(problems(head + "'overrideReason': 'because'}]}"))
                .containsExactly("feedback[0].overrideReason must be an object {\"reason\": <Coding>, \"userComment\": <text>}, not a string");
        assertThat(problems(head + "'overrideReasons': [{}, {'userComment': 'x'}]}]}"))
                .containsExactly("feedback[0].overrideReasons[0] needs a 'reason' coding or a 'userComment' (cds-fb-3)");
    }

    @Test
    void everyProblemOfEveryItemIsReportedUpToALimit() {
        StringBuilder b = new StringBuilder("{'feedback': [");
        for (int i = 0; i < 30; i++) {
            b.append(i == 0 ? "" : ",").append("{'card': 'c', 'outcome': 'x', 'outcomeTimestamp': '2021-12-11T10:05:31Z'}");
        }
        List<String> problems = problems(b.append("]}").toString());
        assertThat(problems).hasSize(20);
        assertThat(problems.get(19)).startsWith("feedback[19].outcome");
    }

    @Test
    void theExceptionMessageSaysHowManyMore() {
        assertThatThrownBy(() -> parse("{'feedback': [{}]}")).isInstanceOf(InvalidFeedbackException.class)
                .hasMessage("feedback[0].card is required (and 2 more)");
    }
}
