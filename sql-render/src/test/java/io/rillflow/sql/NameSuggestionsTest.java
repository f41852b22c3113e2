package io.rillflow.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NameSuggestionsTest {

    @Test
    void swappedLettersCountAsOneEdit() {
        assertEquals(1, NameSuggestions.distance("emial", "email"));
        assertEquals(Optional.of("email"), NameSuggestions.closest("emial", List.of("id", "email", "name")));
    }

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, NameSuggestions.distance("city", "city"));
        assertEquals(1, NameSuggestions.distance("city", "cty"));
        assertEquals(1, NameSuggestions.distance("cty", "city"));
        assertEquals(1, NameSuggestions.distance("city", "citx"));
        assertEquals(3, NameSuggestions.distance("", "zip"));
        assertEquals(3, NameSuggestions.distance("kitten", "sitting"));
    }

    @Test
    void closeMisspellingsAreSuggestedIgnoringCase() {
        assertEquals(Optional.of("english"), NameSuggestions.closest("englsh", List.of("simple", "english", "german")));
        assertEquals(Optional.of("address"), NameSuggestions.closest("Adress", List.of("address", "city")));
    }

    @Test
    void tiesGoToTheEarlierCandidate() {
        assertEquals(Optional.of("cat"), NameSuggestions.closest("bat", List.of("cat", "hat")));
        assertEquals(Optional.of("hat"), NameSuggestions.closest("bat", List.of("hat", "cat")));
    }

    @Test
    void unrelatedNamesAreNotSuggested() {
        assertTrue(NameSuggestions.closest("postcode", List.of("city", "zip")).isEmpty());
        assertTrue(NameSuggestions.closest("ab", List.of("id")).isEmpty());
        assertTrue(
                NameSuggestions.closest("klingon", List.of("english", "german")).isEmpty());
        assertTrue(NameSuggestions.closest("x", List.of()).isEmpty());
    }
}
