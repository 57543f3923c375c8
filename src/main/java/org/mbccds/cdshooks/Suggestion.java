package org.mbccds.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {
}
