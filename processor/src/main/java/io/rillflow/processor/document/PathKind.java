package io.rillflow.processor.document;

import com.palantir.javapoet.ClassName;
import io.rillflow.processor.RuntimeTypes;

/** The kinds of metamodel path, one per runtime path class. */
public enum PathKind {
    STRING(RuntimeTypes.STRING_PATH, true, "a string"),
    FULL_TEXT(RuntimeTypes.FULL_TEXT_PATH, true, "a string"),
    UUID(RuntimeTypes.UUID_PATH, true, "a UUID"),
    NUMBER(RuntimeTypes.NUMBER_PATH, true, "a number"),
    BOOLEAN(RuntimeTypes.BOOLEAN_PATH, true, "a boolean"),
    TEMPORAL(RuntimeTypes.TEMPORAL_PATH, true, "a date or time"),
    ENUM(RuntimeTypes.ENUM_PATH, true, "an enum"),
    COLLECTION(RuntimeTypes.COLLECTION_PATH, false, "a collection"),
    /** A user type with a generated nested path class. */
    NESTED(RuntimeTypes.OBJECT_PATH, false, "an object"),
    /** Anything else: maps, {@code Object}, JSON trees, types on a cycle. */
    OBJECT(RuntimeTypes.OBJECT_PATH, false, "an untyped object");

    private final ClassName pathClass;
    private final boolean scalar;
    private final String description;

    PathKind(ClassName pathClass, boolean scalar, String description) {
        this.pathClass = pathClass;
        this.scalar = scalar;
        this.description = description;
    }

    /** The runtime path class. */
    public ClassName pathClass() {
        return pathClass;
    }

    /** Whether a B-tree index can be built on it (a GIN index needs the opposite). */
    public boolean scalar() {
        return scalar;
    }

    /** For messages: "a number", "a collection". */
    public String description() {
        return description;
    }
}
