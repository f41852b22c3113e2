package io.rillflow.documents.internal;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.rillflow.InvalidIdentifierException;
import io.rillflow.SerializationException;
import io.rillflow.documents.Patch;
import io.rillflow.sql.NameSuggestions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Checks a patch of a typed collection against the document class as the store's mapper reads it, before any SQL: a
 * path must name properties (nested ones too, list indexes inside lists), and the value must be readable as the
 * property's type. A patch that sets {@code nmae} would otherwise be stored, and every later read of the document, and
 * every query over the collection, would fail with "Unrecognized field".
 *
 * <p>Jackson's own view is the reference, not the processor's, because Jackson decides what a read accepts:
 * {@code @JsonProperty} names, {@code @JsonIgnore}d fields, {@code @JsonAnySetter} and
 * {@code @JsonIgnoreProperties(ignoreUnknown = true)} all count. Below a {@code JsonNode}, an {@code Object}, a type
 * that accepts unknown fields, or a polymorphic or abstract type, a path is free; a map takes any key and checks what
 * follows as its value type. A path is resolved once per collection and kept (up to {@value #MAX_CACHED_PATHS}
 * paths), so checking costs a map look-up and reading the (small) value once more.
 */
final class PatchCheck {
    /** Paths with map keys in them ({@code slots.<user id>}) are unbounded in number; beyond this, resolve each time. */
    private static final int MAX_CACHED_PATHS = 1_000;

    private final ObjectMapper mapper;
    private final JavaType type;
    private final Map<String, Optional<ObjectReader>> readers = new ConcurrentHashMap<>();

    PatchCheck(ObjectMapper mapper, Class<?> type) {
        this.mapper = mapper;
        this.type = mapper.constructType(type);
    }

    /**
     * Refuses {@code change} if its path is no property of the document type or {@code valueJson} cannot be read as the
     * property's type.
     *
     * @throws InvalidIdentifierException naming the path, the type and a close property name
     * @throws SerializationException naming the path, the value's type and what Jackson reports
     */
    void check(Patch.Change change, String valueJson, Supplier<String> target) {
        Optional<ObjectReader> reader = readers.get(change.path());
        if (reader == null) {
            reader = resolve(change, target).map(mapper::readerFor);
            if (readers.size() < MAX_CACHED_PATHS) {
                readers.put(change.path(), reader);
            }
        }
        if (reader.isEmpty()) {
            return;
        }
        try {
            reader.get().readValue(valueJson);
        } catch (IOException e) {
            String problem = e instanceof JsonMappingException mapping ? mapping.getOriginalMessage() : e.getMessage();
            throw new SerializationException(
                    "Cannot patch " + target.get() + ": the value for " + change.path() + " ("
                            + describe(change.value()) + ") cannot be read as "
                            + reader.get().getValueType().getGenericSignature()
                            + ", so the document could not be read afterwards: " + problem,
                    e);
        }
    }

    /** The type the value at {@code change}'s path is read as, or empty when anything goes there. */
    private Optional<JavaType> resolve(Patch.Change change, Supplier<String> target) {
        DeserializationConfig config = mapper.getDeserializationConfig();
        JavaType current = type;
        List<String> walked = new ArrayList<>();
        for (String segment : change.segments()) {
            while (current.isReferenceType()) {
                current = current.getReferencedType(); // Optional<Address> holds an Address
            }
            if (free(current)) {
                return Optional.empty();
            }
            if (current.isMapLikeType()) {
                current = current.getContentType();
            } else if (current.isCollectionLikeType() || current.isArrayType()) {
                if (!segment.chars().allMatch(Character::isDigit)) {
                    throw refused(
                            change,
                            target,
                            walked,
                            "is a list, so the part after it must be an index, not \"" + segment + "\"");
                }
                current = current.getContentType();
            } else if (scalar(current)) {
                throw refused(
                        change,
                        target,
                        walked,
                        "is a " + current.getRawClass().getSimpleName() + ", which has no field \"" + segment + "\"");
            } else {
                BeanDescription bean = config.introspect(current);
                Optional<BeanPropertyDefinition> property = bean.findProperties().stream()
                        .filter(p -> p.getName().equals(segment))
                        .findFirst();
                if (property.isEmpty()) {
                    if (acceptsUnknown(config, bean)
                            || bean.getIgnoredPropertyNames().contains(segment)) {
                        return Optional.empty();
                    }
                    List<String> names = bean.findProperties().stream()
                            .map(BeanPropertyDefinition::getName)
                            .sorted()
                            .toList();
                    String hint = NameSuggestions.closest(segment, names)
                            .map(name -> " Did you mean \"" + name + "\"?")
                            .orElse(" Its properties are " + names + ".");
                    throw refused(
                            change,
                            target,
                            walked,
                            "has no property \"" + segment + "\" ("
                                    + current.getRawClass().getSimpleName() + " would not read it back)." + hint);
                }
                current = property.get().getPrimaryType();
            }
            walked.add(segment);
        }
        return free(current) ? Optional.empty() : Optional.of(current);
    }

    private InvalidIdentifierException refused(
            Patch.Change change, Supplier<String> target, List<String> walked, String problem) {
        String where = walked.isEmpty() ? "a " + type.getRawClass().getSimpleName() : String.join(".", walked);
        return new InvalidIdentifierException(
                "Cannot patch " + target.get() + " at \"" + change.path() + "\": " + where + " " + problem);
    }

    /** Anything may be stored below this type: a JSON tree, an Object, an abstract or polymorphic type. */
    private boolean free(JavaType t) {
        if (t.isJavaLangObject() || JsonNode.class.isAssignableFrom(t.getRawClass())) {
            return true;
        }
        if (t.isContainerType() || t.isPrimitive() || t.isEnumType()) {
            return false;
        }
        try {
            return t.isAbstract() || mapper.getDeserializationConfig().findTypeDeserializer(t) != null;
        } catch (JsonMappingException e) {
            return true;
        }
    }

    /** A value without fields of its own: numbers, text, dates, ids. */
    private static boolean scalar(JavaType t) {
        return t.isPrimitive() || t.isEnumType() || t.getRawClass().getName().startsWith("java.");
    }

    private static boolean acceptsUnknown(DeserializationConfig config, BeanDescription bean) {
        return !config.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                || bean.findAnySetterAccessor() != null
                || config.getDefaultPropertyIgnorals(bean.getBeanClass(), bean.getClassInfo())
                        .getIgnoreUnknown();
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getSimpleName();
    }
}
