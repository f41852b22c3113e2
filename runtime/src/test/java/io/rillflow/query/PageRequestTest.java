package io.rillflow.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Page requests: numbered from 1, validated when made; pages: totals, page counts and what follows. */
class PageRequestTest {

    @Test
    void pagesAreNumberedFromOneAndFollowEachOther() {
        assertThat(PageRequest.of(1, 20)).isEqualTo(new PageRequest(20, 0));
        assertThat(PageRequest.of(3, 20)).isEqualTo(new PageRequest(20, 40));
        assertThat(PageRequest.first(20).next().next()).isEqualTo(PageRequest.of(3, 20));
    }

    @Test
    void badLimitsOffsetsAndNumbersAreRejectedWithTheValue() {
        assertThatThrownBy(() -> new PageRequest(0, 0)).hasMessageContaining("the limit was 0");
        assertThatThrownBy(() -> new PageRequest(10, -1)).hasMessageContaining("was -1");
        assertThatThrownBy(() -> PageRequest.of(0, 10)).hasMessageContaining("got page 0");
    }

    @Test
    void aPageKnowsItsNumberTotalPagesAndWhatFollows() {
        Page<String> second = new Page<>(List.of("c", "d"), PageRequest.of(2, 2), 5);
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.size()).isEqualTo(2);
        assertThat(second.totalPages()).isEqualTo(3);
        assertThat(second.hasNext()).isTrue();
        assertThat(second.hasPrevious()).isTrue();
        assertThat(second.nextRequest()).isEqualTo(PageRequest.of(3, 2));
        assertThat(second.map(String::toUpperCase).items()).containsExactly("C", "D");

        Page<String> last = new Page<>(List.of("e"), PageRequest.of(3, 2), 5);
        assertThat(last.hasNext()).isFalse();
        Page<String> pastTheEnd = new Page<>(List.of(), PageRequest.of(9, 2), 5);
        assertThat(pastTheEnd.hasNext()).isFalse();
        assertThat(pastTheEnd.totalPages()).isEqualTo(3);
        Page<String> none = new Page<>(List.of(), PageRequest.first(10), 0);
        assertThat(none.totalPages()).isZero();
        assertThat(none.hasPrevious()).isFalse();
        assertThatThrownBy(() -> new Page<>(List.of(), PageRequest.first(1), -1))
                .hasMessageContaining("was -1");
    }
}
