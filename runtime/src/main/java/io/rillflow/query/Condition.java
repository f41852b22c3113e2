package io.rillflow.query;

import java.util.List;

/**
 * A predicate over documents, built from the typed paths of a generated metamodel
 * ({@code Customer_.email.eq("a@x")}) and combined with {@link #and}, {@link #or} and {@link #not}.
 */
@FunctionalInterface
public interface Condition {
    /** Writes this condition as a boolean SQL expression over the {@code data} column. */
    void render(SqlBuilder sql);

    /** Both this and {@code other}. */
    default Condition and(Condition other) {
        return Conditions.all(List.of(this, other));
    }

    /** This or {@code other}. */
    default Condition or(Condition other) {
        return Conditions.any(List.of(this, other));
    }

    /** The negation of this condition. */
    default Condition not() {
        return Conditions.not(this);
    }
}
