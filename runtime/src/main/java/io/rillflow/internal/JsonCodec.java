package io.rillflow.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import io.rillflow.SerializationException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Jackson behind one door, so that every JSON failure becomes a {@link SerializationException} naming its subject. */
public final class JsonCodec {
    private final ObjectMapper mapper;
    private final Map<Enum<?>, String> enumTexts = new ConcurrentHashMap<>();

    public JsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The mapper Rillflow uses when the application gives none: java.time as ISO strings, records, Optionals. */
    public static ObjectMapper defaultMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .registerModule(new ParameterNamesModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Amounts such as 12.50 must come back as 12.50, also through JSON trees.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Serializes {@code value}; {@code subject} describes it for the error message. */
    public String write(Object value, Supplier<String> subject) {
        String json;
        try {
            json = mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SerializationException(
                    "Cannot write " + subject.get() + " as JSON: " + e.getOriginalMessage(), e);
        }
        if (hasNulCharacter(json)) {
            throw new SerializationException(
                    "Cannot store " + subject.get() + ": a string in it holds the NUL"
                            + " character (\\u0000), which PostgreSQL's jsonb cannot store; remove it or encode it",
                    null);
        }
        return json;
    }

    /** Whether JSON text escapes a NUL character, the one character jsonb refuses, so it fails before the database. */
    static boolean hasNulCharacter(String json) {
        for (int i = json.indexOf('\\'); i >= 0 && i < json.length() - 1; i = json.indexOf('\\', i)) {
            if (json.startsWith("u0000", i + 1)) {
                return true;
            }
            i += 2; // skip the escaped character, so an escaped backslash before "u0000" is not mistaken for one
        }
        return false;
    }

    /**
     * {@code value} as it is stored, for comparing with stored fields: an enum becomes the text the mapper writes for
     * it ({@code @JsonProperty} and {@code @JsonValue} included), anything else is returned unchanged.
     */
    public Object storedScalar(Object value) {
        if (!(value instanceof Enum<?> constant)) {
            return value;
        }
        return enumTexts.computeIfAbsent(constant, c -> mapper.convertValue(c, String.class));
    }

    /** Converts a value to a JSON tree, e.g. a patch value or a header map. */
    public JsonNode tree(Object value, Supplier<String> subject) {
        try {
            return mapper.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("Cannot write " + subject.get() + " as JSON: " + e.getMessage(), e);
        }
    }

    /** Reads stored JSON text as {@code type}. */
    public <T> T read(String json, Class<T> type, Supplier<String> subject) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new SerializationException(
                    "Cannot read " + subject.get() + " as " + type.getName() + ": " + originalMessage(e), e);
        }
    }

    /** Converts a JSON tree to {@code type}. */
    public <T> T read(JsonNode json, Class<T> type, Supplier<String> subject) {
        try {
            return mapper.treeToValue(json, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new SerializationException(
                    "Cannot read " + subject.get() + " as " + type.getName() + ": " + originalMessage(e), e);
        }
    }

    /** Parses JSON text into a tree. */
    public JsonNode parse(String json, Supplier<String> subject) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new SerializationException("Cannot parse " + subject.get() + ": " + originalMessage(e), e);
        }
    }

    private static String originalMessage(Exception e) {
        return e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    }
}
