package io.rillflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.JsonLimits;
import io.rillflow.SerializationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * At each limit the codec's writer and reader agree: a value at the limit is written and read back, one just over it
 * is refused when written. Without a database, so every boundary is cheap to try.
 */
class JsonCodecLimitsTest {
    private static final JsonLimits LIMITS = JsonLimits.defaults()
            .withMaxStringLength(12)
            .withMaxNumberLength(6)
            .withMaxNestingDepth(4)
            .withMaxNameLength(5);

    private final JsonCodec codec = new JsonCodec(JsonCodec.defaultMapper(), LIMITS);

    private void roundTrips(Object value) {
        String json = codec.write(value, () -> "the value");
        assertThat(codec.parse(json, () -> "the value").toString()).isEqualTo(json);
    }

    private void refused(Object value, String limit, String field) {
        assertThatThrownBy(() -> codec.write(value, () -> "the value"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("JsonLimits." + limit)
                .hasMessageContaining(field.isEmpty() ? "the value is refused" : "the value at " + field + " is");
    }

    @Test
    void textAndBinaryAtTheLimitRoundTripAndOneMoreCharacterIsRefused() {
        roundTrips(Map.of("t", "x".repeat(12)));
        refused(Map.of("t", "x".repeat(13)), "maxStringLength", "t");
        roundTrips(Map.of("b", new byte[9])); // 12 characters of Base64
        refused(Map.of("b", new byte[10]), "maxStringLength", "b");
        refused(List.of("ok", "ok", "x".repeat(13)), "maxStringLength", "2");
    }

    @Test
    void numbersAreCountedInDigitsAsTheReaderCountsThem() {
        roundTrips(Map.of("n", new BigInteger("-999999")));
        refused(Map.of("n", new BigInteger("1000000")), "maxNumberLength", "n");
        roundTrips(Map.of("n", new BigDecimal("123.456")));
        refused(Map.of("n", new BigDecimal("1234.567")), "maxNumberLength", "n");
        roundTrips(Map.of("n", new BigDecimal("1.2E+300")));
    }

    @Test
    void nestingAtTheLimitRoundTripsAndOneLevelMoreIsRefused() {
        roundTrips(List.of(List.of(List.of(List.of()))));
        refused(List.of(List.of(List.of(List.of(List.of())))), "maxNestingDepth", "0.0.0.0");
        roundTrips(Map.of("a", Map.of("b", List.of(Map.of()))));
        refused(Map.of("a", Map.of("b", List.of(Map.of("c", List.of())))), "maxNestingDepth", "a.b.0.c");
    }

    @Test
    void namesAtTheLimitRoundTripAndLongerOnesAreRefused() {
        roundTrips(Map.of("abcde", 1));
        refused(Map.of("abcdef", 1), "maxNameLength", "");
        refused(Map.of("a", Map.of("abcdef", 1)), "maxNameLength", "a");
    }

    @Test
    void aReadOverALimitNamesTheSettingAndTheField() {
        assertThatThrownBy(() -> codec.read("{\"text\": \"" + "y".repeat(13) + "\"}", Map.class, () -> "document d/1"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("document d/1")
                .hasMessageContaining("JsonLimits.maxStringLength")
                .hasMessageContaining("StoreBuilder.jsonLimits");
        assertThatThrownBy(() -> codec.parse("[[[[[1]]]]]", () -> "event e"))
                .hasMessageContaining("JsonLimits.maxNestingDepth");
    }

    @Test
    void jsonTreesAreCheckedLikeObjects() {
        JsonNode tree = codec.mapper().createObjectNode().put("t", "z".repeat(13));
        refused(tree, "maxStringLength", "t");
        List<Object> deep = new ArrayList<>();
        deep.add(codec.mapper()
                .createArrayNode()
                .add(codec.mapper()
                        .createArrayNode()
                        .add(codec.mapper().createArrayNode().add(codec.mapper().createArrayNode()))));
        refused(deep, "maxNestingDepth", "0.0.0.0");
    }
}
