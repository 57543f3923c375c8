package org.mbccds.cdshooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The spec's JSON rules: no null or empty values, except the sanctioned {"cards": []}. */
class ResponseJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void noGuidanceIsAnEmptyCardsArray() throws Exception {
        assertThat(mapper.writeValueAsString(CdsServiceResponse.of(List.of()))).isEqualTo("{\"cards\":[]}");
    }

    @Test
    void optionalCardFieldsAreOmittedWhenEmpty() throws Exception {
        Card card = new Card("u1", "Summary", null, Indicator.INFO, new Source("ASCO", null, null, null), List.of(), null,
                List.of(), List.of());
        String json = mapper.writeValueAsString(card);
        assertThat(json).isEqualTo("{\"uuid\":\"u1\",\"summary\":\"Summary\",\"indicator\":\"info\",\"source\":{\"label\":\"ASCO\"}}");
    }

    @Test
    void summariesMustStayUnder140Characters() {
        assertThatThrownBy(() -> new Card("u", "x".repeat(140), null, Indicator.INFO, new Source("s", null, null, null),
                List.of(), null, List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void suggestionsRequireSelectionBehavior() {
        Suggestion s = new Suggestion("Order", "s1", null, List.of());
        assertThatThrownBy(() -> new Card("u", "Summary", null, Indicator.INFO, new Source("s", null, null, null),
                List.of(s), null, List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
