package io.rillflow.query;

/**
 * A new value for one field of a document, made by {@link Path#set(Object)}: {@code Customer_.age.set(31)}. The value
 * is checked against the field's type where it is written, so a wrong type is javac's plain "String cannot be
 * converted to Integer" on the value, not an inference error.
 */
public final class Assignment {
    private final Path<?> path;
    private final Object value;

    <V> Assignment(Path<V> path, V value) {
        this.path = path;
        this.value = value;
    }

    /** The field set. */
    public Path<?> path() {
        return path;
    }

    /** Its new value, or null. */
    public Object value() {
        return value;
    }

    @Override
    public String toString() {
        return path.dotted() + " = " + value;
    }
}
