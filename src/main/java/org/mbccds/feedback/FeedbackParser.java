package org.mbccds.feedback;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a feedback request body (CDS Hooks 2.0 §Feedback; shared/knowledge/cds-hooks-2.0.md §1.6, §2.5) and checks
 * every item before anything is stored. Tolerates what real clients send: unknown fields and extensions, the
 * sandbox's reason coding without display, a flat coding in place of {@code overrideReason.reason}, and Epic's
 * {@code overrideReasons} (an object or an array) with its reason category extension.
 */
public final class FeedbackParser {
    static final int MAX_ID = 200;
    static final int MAX_SYSTEM = 500;
    static final int MAX_CODE = 200;
    static final int MAX_DISPLAY = 500;
    static final int MAX_COMMENT = 10_000;
    private static final int MAX_PROBLEMS = 20;
    private static final Pattern RFC_3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final String EPIC_REASON_DISPLAY = "com.epic.cdshooks.feedback.overrideReason.reasonDisplay";
    private static final String EPIC_REASON_TITLE = "com.epic.cdshooks.feedback.overrideReason.reasonTitle";

    private FeedbackParser() {
    }

    /**
     * @return the items in the order sent; an empty {@code feedback} array gives an empty list
     * @throws InvalidFeedbackException naming every problem (item index and field), when anything is wrong
     */
    public static List<FeedbackItem> parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw refuse("", "The request body must be a JSON object: {\"feedback\": [ ... ]}");
        }
        JsonNode list = body.get("feedback");
        if (list == null || list.isNull()) {
            throw refuse("feedback", "is required: an array of feedback items");
        }
        if (!list.isArray()) {
            throw refuse("feedback", "must be an array of feedback items, not " + kind(list));
        }
        Optional<String> batchHookInstance = hookInstance(body);
        List<InvalidFeedbackException.Problem> problems = new ArrayList<>();
        List<FeedbackItem> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            new ItemReader("feedback[" + i + "]", problems).read(list.get(i), batchHookInstance).ifPresent(items::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidFeedbackException(problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems);
        }
        return List.copyOf(items);
    }

    private static InvalidFeedbackException refuse(String path, String message) {
        return new InvalidFeedbackException(List.of(new InvalidFeedbackException.Problem(path, message)));
    }

    /** Reads one item; records its problems under its own path. */
    private static final class ItemReader {
        private final String at;
        private final List<InvalidFeedbackException.Problem> problems;

        ItemReader(String at, List<InvalidFeedbackException.Problem> problems) {
            this.at = at;
            this.problems = problems;
        }

        Optional<FeedbackItem> read(JsonNode node, Optional<String> batchHookInstance) {
            if (!node.isObject()) {
                problem(at, "must be an object, not " + kind(node));
                return Optional.empty();
            }
            int before = problems.size();
            Optional<String> card = text(node, "card", at + ".card", MAX_ID, true);
            Optional<Outcome> outcome = outcome(node);
            List<String> suggestions = suggestions(node, outcome);
            Override override = override(node);
            Optional<Instant> timestamp = timestamp(node);
            if (problems.size() > before) {
                return Optional.empty();
            }
            return Optional.of(new FeedbackItem(card.orElseThrow(), outcome.orElseThrow(), suggestions, override.reason(),
                    override.comment(), timestamp.orElseThrow(), hookInstance(node).or(() -> batchHookInstance)));
        }

        private Optional<Outcome> outcome(JsonNode node) {
            Optional<String> code = text(node, "outcome", at + ".outcome", 50, true);
            if (code.isEmpty()) {
                return Optional.empty();
            }
            Optional<Outcome> outcome = Outcome.fromCode(code.get());
            if (outcome.isEmpty()) {
                problem(at + ".outcome", "must be 'accepted' or 'overridden', not '" + code.get() + "'");
            }
            return outcome;
        }

        private List<String> suggestions(JsonNode node, Optional<Outcome> outcome) {
            String path = at + ".acceptedSuggestions";
            boolean accepted = outcome.filter(o -> o == Outcome.ACCEPTED).isPresent();
            JsonNode list = node.get("acceptedSuggestions");
            if (list == null || list.isNull()) {
                if (accepted) {
                    problem(path, "is required when outcome is 'accepted': [{\"id\": <suggestion uuid>}, ...]");
                }
                return List.of();
            }
            if (!list.isArray()) {
                problem(path, "must be an array of {\"id\": <suggestion uuid>}, not " + kind(list));
                return List.of();
            }
            if (list.isEmpty() && accepted) {
                problem(path, "must name at least one suggestion when outcome is 'accepted'");
            }
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode s = list.get(i);
                String p = path + "[" + i + "]";
                if (s.isTextual()) {
                    text(list, i, p, MAX_ID).ifPresent(ids::add);
                } else if (s.isObject()) {
                    text(s, "id", p + ".id", MAX_ID, true).ifPresent(ids::add);
                } else {
                    problem(p, "must be an object {\"id\": <suggestion uuid>}, not " + kind(s));
                }
            }
            return List.copyOf(ids);
        }

        private record Override(Optional<ReasonCoding> reason, Optional<String> comment) {
            static final Override NONE = new Override(Optional.empty(), Optional.empty());
        }

        /** The spec's {@code overrideReason}; else Epic's {@code overrideReasons}, an object or an array of them. */
        private Override override(JsonNode node) {
            JsonNode single = node.get("overrideReason");
            if (single != null && !single.isNull()) {
                return overrideReason(single, at + ".overrideReason");
            }
            JsonNode epic = node.get("overrideReasons");
            if (epic == null || epic.isNull()) {
                return Override.NONE;
            }
            if (!epic.isArray()) {
                return overrideReason(epic, at + ".overrideReasons");
            }
            Optional<ReasonCoding> reason = Optional.empty();
            List<String> comments = new ArrayList<>();
            for (int i = 0; i < epic.size(); i++) {
                Override one = overrideReason(epic.get(i), at + ".overrideReasons[" + i + "]");
                if (reason.isEmpty()) {
                    reason = one.reason();
                }
                one.comment().filter(c -> !comments.contains(c)).ifPresent(comments::add);
            }
            Optional<String> comment = comments.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", comments));
            if (comment.filter(c -> c.length() > MAX_COMMENT).isPresent()) {
                problem(at + ".overrideReasons", "comments together are longer than " + MAX_COMMENT + " characters");
            }
            return new Override(reason, comment);
        }

        private Override overrideReason(JsonNode node, String path) {
            if (!node.isObject()) {
                problem(path, "must be an object {\"reason\": <Coding>, \"userComment\": <text>}, not " + kind(node));
                return Override.NONE;
            }
            Optional<ReasonCoding> reason;
            JsonNode coding = node.get("reason");
            if (coding != null && !coding.isNull()) {
                reason = coding(coding, path + ".reason");
            } else if (node.has("code")) {
                reason = coding(node, path);                    // an older client's flat coding
            } else {
                reason = epicCategory(node.get("extension"), path + ".extension");
            }
            Optional<String> comment = text(node, "userComment", path + ".userComment", MAX_COMMENT, false);
            if (reason.isEmpty() && comment.isEmpty() && !problemsUnder(path)) {
                problem(path, "needs a 'reason' coding or a 'userComment' (cds-fb-3)");
            }
            return new Override(reason, comment);
        }

        private Optional<ReasonCoding> coding(JsonNode node, String path) {
            if (!node.isObject()) {
                problem(path, "must be a Coding {\"system\", \"code\", \"display\"}, not " + kind(node));
                return Optional.empty();
            }
            Optional<String> system = text(node, "system", path + ".system", MAX_SYSTEM, false);
            Optional<String> code = text(node, "code", path + ".code", MAX_CODE, true);
            Optional<String> display = text(node, "display", path + ".display", MAX_DISPLAY, false);
            return code.map(c -> new ReasonCoding(system, c, display));
        }

        /** Epic: {"extension": {"...reasonCategory": "45", "...reasonDisplay": "Does not meet criteria", ...}}. */
        private Optional<ReasonCoding> epicCategory(JsonNode extension, String path) {
            if (extension == null || !extension.isObject()) {
                return Optional.empty();
            }
            JsonNode category = extension.get(ReasonCoding.EPIC_REASON_CATEGORY);
            if (category == null || !(category.isTextual() || category.isNumber()) || category.asText().isBlank()) {
                return Optional.empty();
            }
            if (category.asText().length() > MAX_CODE) {
                problem(path + "." + ReasonCoding.EPIC_REASON_CATEGORY, "is longer than " + MAX_CODE + " characters");
                return Optional.empty();
            }
            Optional<String> display = text(extension, EPIC_REASON_DISPLAY, path + "." + EPIC_REASON_DISPLAY, MAX_DISPLAY, false)
                    .or(() -> text(extension, EPIC_REASON_TITLE, path + "." + EPIC_REASON_TITLE, MAX_DISPLAY, false));
            return Optional.of(new ReasonCoding(Optional.of(ReasonCoding.EPIC_REASON_CATEGORY), category.asText(), display));
        }

        private Optional<Instant> timestamp(JsonNode node) {
            String path = at + ".outcomeTimestamp";
            Optional<String> text = text(node, "outcomeTimestamp", path, 64, true);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            Optional<Instant> instant = rfc3339(text.get());
            if (instant.isEmpty()) {
                problem(path, "must be an RFC 3339 date-time with seconds and a time zone, like 2021-12-11T10:05:31Z;"
                        + " got '" + text.get() + "'");
            }
            return instant;
        }

        /** A string field: absent or blank is "none" (a problem when required); too long or not a string is a problem. */
        private Optional<String> text(JsonNode parent, String field, String path, int max, boolean required) {
            JsonNode v = parent.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    problem(path, "is required");
                }
                return Optional.empty();
            }
            return check(v, path, max, required);
        }

        private Optional<String> text(JsonNode array, int index, String path, int max) {
            return check(array.get(index), path, max, true);
        }

        private Optional<String> check(JsonNode v, String path, int max, boolean required) {
            if (!v.isTextual()) {
                problem(path, "must be a string, not " + kind(v));
                return Optional.empty();
            }
            String s = v.asText();
            if (s.isBlank()) {
                if (required) {
                    problem(path, "must not be empty");
                }
                return Optional.empty();
            }
            if (s.length() > max) {
                problem(path, "is longer than " + max + " characters");
                return Optional.empty();
            }
            if (s.indexOf('\u0000') >= 0) {
                problem(path, "must not contain NUL characters");   // PostgreSQL text cannot hold them
                return Optional.empty();
            }
            return Optional.of(s);
        }

        private boolean problemsUnder(String path) {
            return problems.stream().anyMatch(p -> p.path().startsWith(path));
        }

        private void problem(String path, String message) {
            problems.add(new InvalidFeedbackException.Problem(path, message));
        }
    }

    /** RFC 3339 {@code date-time}: seconds and an offset are required; 't', 'z' and a space separator are allowed. */
    static Optional<Instant> rfc3339(String text) {
        if (!RFC_3339.matcher(text).matches()) {
            return Optional.empty();
        }
        String iso = (text.substring(0, 10) + 'T' + text.substring(11)).toUpperCase(Locale.ROOT);
        try {
            return Optional.of(OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The hook call a card came from, when the client says so: a {@code hookInstance} field, or an extension key
     * {@code hookInstance} or ending in {@code .hookInstance}. Optional data: a value that is not a short string is
     * ignored.
     */
    static Optional<String> hookInstance(JsonNode node) {
        Optional<String> direct = shortText(node.get("hookInstance"));
        if (direct.isPresent()) {
            return direct;
        }
        JsonNode extension = node.get("extension");
        if (extension == null || !extension.isObject()) {
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = extension.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().toLowerCase(Locale.ROOT);
            if (key.equals("hookinstance") || key.endsWith(".hookinstance")) {
                Optional<String> value = shortText(e.getValue());
                if (value.isPresent()) {
                    return value;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> shortText(JsonNode v) {
        return v != null && v.isTextual() && !v.asText().isBlank() && v.asText().length() <= MAX_ID
                ? Optional.of(v.asText()) : Optional.empty();
    }

    private static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true/false";
            case NULL -> "null";
            default -> "a " + v.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
