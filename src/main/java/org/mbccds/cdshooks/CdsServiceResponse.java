package org.mbccds.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** {"cards": [...]} — cards is always written, even when empty, as the spec requires. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CdsServiceResponse(
        @JsonInclude(JsonInclude.Include.ALWAYS) List<Card> cards,
        List<Action> systemActions) {

    public static CdsServiceResponse of(List<Card> cards) {
        return new CdsServiceResponse(List.copyOf(cards), List.of());
    }
}
