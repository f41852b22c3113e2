package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An index on a document field, created by schema sync. On a field or record component it indexes that field; on the
 * document type it indexes the dotted {@link #path()}, e.g. {@code @Index(path = "address.city")}.
 *
 * <p>Rules the processor enforces: the path names existing fields; a {@link Kind#BTREE} index needs a scalar field
 * (string, number, boolean, enum, UUID, date/time); a {@link Kind#GIN} index needs a collection or object field;
 * {@link #unique()} is only for B-tree indexes.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.TYPE})
@Repeatable(Indexes.class)
public @interface Index {
    /** The kind of index. */
    enum Kind {
        /** Equality, ranges and ordering on a scalar field: an expression index of the field's typed value. */
        BTREE,
        /** Containment on a collection or object field ({@code contains}, {@code containsAll}). */
        GIN
    }

    /** The dotted field path; required on a type, empty on a field (the field itself). */
    String path() default "";

    /** B-tree (default) or GIN. */
    Kind kind() default Kind.BTREE;

    /** Whether two live documents may not share the value. */
    boolean unique() default false;

    /** The index name suffix; defaults to the path with dots as underscores. */
    String name() default "";
}
