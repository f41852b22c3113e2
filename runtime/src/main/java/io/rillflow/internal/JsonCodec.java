package io.rillflow.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import io.rillflow.JsonLimits;
import io.rillflow.SerializationException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Jackson behind one door, so that every JSON failure becomes a {@link SerializationException} naming its subject, and
 * what is written is checked against the same {@link JsonLimits} that reading applies.
 */
public final class JsonCodec {
    private final ObjectMapper mapper;
    private final JsonLimits limits;
    private final Map<Enum<?>, String> enumTexts = new ConcurrentHashMap<>();

    /** A codec with {@link JsonLimits#defaults()}. */
    public JsonCodec(ObjectMapper mapper) {
        this(mapper, JsonLimits.defaults());
    }

    /** A codec on a copy of {@code mapper} that reads and writes within {@code limits}. */
    public JsonCodec(ObjectMapper mapper, JsonLimits limits) {
        this.limits = limits;
        this.mapper = mapper.copy();
        this.mapper
                .getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(limits.maxStringLength())
                        .maxNumberLength(limits.maxNumberLength())
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxNameLength(limits.maxNameLength())
                        .build())
                .setStreamWriteConstraints(StreamWriteConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .build());
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

    /** The mapper, reading within this codec's limits. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** The limits this codec reads and writes within. */
    public JsonLimits limits() {
        return limits;
    }

    /**
     * Serializes {@code value}; {@code subject} describes it for the error message. Text, names and numbers are checked
     * as they are written (see {@link CheckedJsonGenerator}), so a value that could not be read back, or that jsonb
     * refuses, fails here, before any SQL.
     */
    public String write(Object value, Supplier<String> subject) {
        BufferRecycler buffers = mapper.getFactory()._getBufferRecycler();
        try (SegmentedStringWriter out = new SegmentedStringWriter(buffers)) {
            try (JsonGenerator generator = new CheckedJsonGenerator(mapper.createGenerator(out), limits)) {
                mapper.writeValue(generator, value);
            }
            return out.getAndClear();
        } catch (JsonProcessingException e) {
            // Serializers wrap what the generator throws in a JsonMappingException carrying the reference chain.
            if (cause(e, CheckedJsonGenerator.Refusal.class) instanceof CheckedJsonGenerator.Refusal refusal) {
                String at = refusal.field().isEmpty() ? "" : " at " + refusal.field();
                throw new SerializationException(
                        "Cannot store " + subject.get() + ": the value" + at + " is refused: "
                                + refusal.getOriginalMessage() + limitHint(refusal.getOriginalMessage()),
                        null);
            }
            if (cause(e, StreamConstraintsException.class) instanceof StreamConstraintsException limit) {
                throw new SerializationException(
                        "Cannot store " + subject.get() + ": " + readLimitMessage(limit.getOriginalMessage()), e);
            }
            throw new SerializationException(
                    "Cannot write " + subject.get() + " as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SerializationException("Cannot write " + subject.get() + " as JSON: " + e.getMessage(), e);
        } finally {
            buffers.releaseToPool();
        }
    }

    private static String limitHint(String problem) {
        return problem.contains("(JsonLimits.")
                ? ": it could not be read back; raise the limit with StoreBuilder.jsonLimits(...) on every store that"
                        + " reads this data"
                : "";
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

    /** The first throwable of {@code type} in {@code e}'s cause chain, or null. */
    private static Throwable cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static String originalMessage(Exception e) {
        if (cause(e, StreamConstraintsException.class) instanceof StreamConstraintsException limit) {
            String at = e instanceof JsonMappingException mapping
                            && !mapping.getPath().isEmpty()
                    ? " (at " + dotted(mapping.getPath()) + ")"
                    : "";
            return readLimitMessage(limit.getOriginalMessage()) + at;
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return mapping.getOriginalMessage() + " (at " + dotted(mapping.getPath()) + ")";
        }
        return e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    }

    /** Jackson's reference chain as a dotted field path, as patches and queries name fields: address.city, tags.2. */
    private static String dotted(List<JsonMappingException.Reference> path) {
        StringBuilder text = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (!text.isEmpty()) {
                text.append('.');
            }
            text.append(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
        }
        return text.toString();
    }

    /** Jackson's message about a broken limit, naming Rillflow's setting instead of Jackson's. */
    private static String readLimitMessage(String message) {
        String text = message.replaceAll(", from `Stream(Read|Write)Constraints\\.get(\\w+)\\(\\)`", "");
        String setting = message.contains("getMaxStringLength")
                ? "maxStringLength"
                : message.contains("getMaxNumberLength")
                        ? "maxNumberLength"
                        : message.contains("getMaxNestingDepth")
                                ? "maxNestingDepth"
                                : message.contains("getMaxNameLength") ? "maxNameLength" : null;
        return setting == null
                ? text
                : text + " (JsonLimits." + setting + "; raise it with StoreBuilder.jsonLimits(...))";
    }
}
