package org.mbccds.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Card(
        String uuid,
        String summary,
        String detail,
        Indicator indicator,
        Source source,
        List<Suggestion> suggestions,
        SelectionBehavior selectionBehavior,
        List<Coding> overrideReasons,
        List<Link> links) {

    /** The spec's limit is strict: fewer than 140 characters. */
    public static final int MAX_SUMMARY_LENGTH = 139;

    public Card {
        if (summary == null || summary.isBlank() || summary.length() > MAX_SUMMARY_LENGTH) {
            throw new IllegalArgumentException("card summary must be 1-139 characters: " + summary);
        }
        if (suggestions != null && !suggestions.isEmpty() && selectionBehavior == null) {
            throw new IllegalArgumentException("selectionBehavior is required with suggestions");
        }
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
        overrideReasons = overrideReasons == null ? List.of() : List.copyOf(overrideReasons);
        links = links == null ? List.of() : List.copyOf(links);
    }
}
