package io.rillflow.processor.queries;

import io.rillflow.processor.document.PathKind;
import java.util.EnumSet;
import java.util.Set;

/** The criteria operators of derived query names and of {@code @Query} expressions, with the fields each suits. */
enum Operator {
    EQUALS("Equals", 1, Kinds.SCALAR),
    NOT("Not", 1, Kinds.SCALAR),
    GREATER_THAN("GreaterThan", 1, Kinds.ORDERED),
    GREATER_THAN_EQUAL("GreaterThanEqual", 1, Kinds.ORDERED),
    LESS_THAN("LessThan", 1, Kinds.ORDERED),
    LESS_THAN_EQUAL("LessThanEqual", 1, Kinds.ORDERED),
    BETWEEN("Between", 2, Kinds.ORDERED),
    IN("In", 1, Kinds.SCALAR),
    NOT_IN("NotIn", 1, Kinds.SCALAR),
    CONTAINING("Containing", 1, Kinds.CONTAINERS),
    STARTING_WITH("StartingWith", 1, Kinds.TEXT),
    ENDING_WITH("EndingWith", 1, Kinds.TEXT),
    LIKE("Like", 1, Kinds.TEXT),
    IS_NULL("IsNull", 0, EnumSet.allOf(PathKind.class)),
    IS_NOT_NULL("IsNotNull", 0, EnumSet.allOf(PathKind.class)),
    TRUE("True", 0, EnumSet.of(PathKind.BOOLEAN)),
    FALSE("False", 0, EnumSet.of(PathKind.BOOLEAN));

    private final String keyword;
    private final int parameters;
    private final Set<PathKind> kinds;

    Operator(String keyword, int parameters, Set<PathKind> kinds) {
        this.keyword = keyword;
        this.parameters = parameters;
        this.kinds = kinds;
    }

    /** How derived names spell it, also used in messages. */
    String keyword() {
        return keyword;
    }

    /** How many method parameters it takes. */
    int parameters() {
        return parameters;
    }

    /** Whether it can be applied to a field of {@code kind}. */
    boolean suits(PathKind kind) {
        return kinds.contains(kind);
    }

    /** Whether {@code IgnoreCase} can modify it. */
    boolean caseInsensitiveForm() {
        return this == EQUALS || this == LIKE || this == STARTING_WITH || this == ENDING_WITH || this == CONTAINING;
    }

    /** For messages: what it works on. */
    String suitedDescription() {
        return switch (this) {
            case GREATER_THAN, GREATER_THAN_EQUAL, LESS_THAN, LESS_THAN_EQUAL, BETWEEN ->
                "strings, numbers, dates and times";
            case CONTAINING -> "collections (an element) and strings (a substring)";
            case STARTING_WITH, ENDING_WITH, LIKE -> "strings";
            case TRUE, FALSE -> "booleans";
            default -> "strings, numbers, booleans, enums, UUIDs, dates and times";
        };
    }

    /** Field kinds by what they support. */
    private static final class Kinds {
        static final Set<PathKind> TEXT = EnumSet.of(PathKind.STRING, PathKind.FULL_TEXT);
        static final Set<PathKind> ORDERED =
                EnumSet.of(PathKind.STRING, PathKind.FULL_TEXT, PathKind.NUMBER, PathKind.TEMPORAL);
        static final Set<PathKind> SCALAR = EnumSet.of(
                PathKind.STRING,
                PathKind.FULL_TEXT,
                PathKind.UUID,
                PathKind.NUMBER,
                PathKind.BOOLEAN,
                PathKind.TEMPORAL,
                PathKind.ENUM);
        static final Set<PathKind> CONTAINERS = EnumSet.of(PathKind.STRING, PathKind.FULL_TEXT, PathKind.COLLECTION);
    }
}
