package io.rillflow.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Pages of compiled queries: numbered from 1, validated when made. */
class PageTest {

    @Test
    void pagesAreNumberedFromOneAndFollowEachOther() {
        assertThat(Page.of(1, 20)).isEqualTo(new Page(20, 0));
        assertThat(Page.of(3, 20)).isEqualTo(new Page(20, 40));
        assertThat(Page.first(20).next().next()).isEqualTo(Page.of(3, 20));
    }

    @Test
    void badLimitsOffsetsAndNumbersAreRejectedWithTheValue() {
        assertThatThrownBy(() -> new Page(0, 0)).hasMessageContaining("the limit was 0");
        assertThatThrownBy(() -> new Page(10, -1)).hasMessageContaining("was -1");
        assertThatThrownBy(() -> Page.of(0, 10)).hasMessageContaining("got page 0");
    }
}
