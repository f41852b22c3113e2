package io.rillflow.processor.document;

import com.palantir.javapoet.ClassName;

/** The kinds of metamodel path, one per runtime path class. */
public enum PathKind {
    STRING("StringPath", true, "a string"),
    FULL_TEXT("FullTextPath", true, "a string"),
    UUID("UuidPath", true, "a UUID"),
    NUMBER("NumberPath", true, "a number"),
    BOOLEAN("BooleanPath", true, "a boolean"),
    TEMPORAL("TemporalPath", true, "a date or time"),
    ENUM("EnumPath", true, "an enum"),
    COLLECTION("CollectionPath", false, "a collection"),
    /** A user type with a generated nested path class. */
    NESTED("ObjectPath", false, "an object"),
    /** Anything else: maps, {@code Object}, JSON trees, types on a cycle. */
    OBJECT("ObjectPath", false, "an untyped object");

    private static final String QUERY_PACKAGE = "io.rillflow.query";

    private final ClassName pathClass;
    private final boolean scalar;
    private final String description;

    PathKind(String pathClass, boolean scalar, String description) {
        this.pathClass = ClassName.get(QUERY_PACKAGE, pathClass);
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
