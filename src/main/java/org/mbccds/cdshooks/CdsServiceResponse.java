package org.mbccds.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** {"cards": [...]} — cards is always written, even when empty, as the spec requires; systemActions only when present. */
public record CdsServiceResponse(
        List<Card> cards,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Action> systemActions) {

    public static CdsServiceResponse of(List<Card> cards) {
        return new CdsServiceResponse(List.copyOf(cards), List.of());
    }
}
