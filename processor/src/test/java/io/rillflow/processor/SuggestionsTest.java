package io.rillflow.processor;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void swappedLettersCountAsOneEdit() {
        assertThat(Suggestions.distance("emial", "email")).isEqualTo(1);
        assertThat(Suggestions.closest("emial", List.of("id", "email", "name")).orElse(null))
                .isEqualTo("email");
    }

    @Test
    void closeMisspellingsAreSuggestedIgnoringCase() {
        assertThat(Suggestions.closest("englsh", List.of("simple", "english", "german"))
                        .orElse(null))
                .isEqualTo("english");
        assertThat(Suggestions.closest("Adress", List.of("address", "city")).orElse(null))
                .isEqualTo("address");
    }

    @Test
    void unrelatedNamesAreNotSuggested() {
        assertThat(Suggestions.closest("postcode", List.of("city", "zip")).isPresent())
                .isFalse();
        assertThat(Suggestions.closest("ab", List.of("id")).isPresent()).isFalse();
        assertThat(Suggestions.closest("klingon", List.of("english", "german")).isPresent())
                .isFalse();
        assertThat(Suggestions.closest("x", List.of()).isPresent()).isFalse();
    }
}
