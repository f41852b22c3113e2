package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A full-text index on a string field, which enables the field's {@code search(...)} predicate in the metamodel.
 *
 * <p>Rules the processor enforces: the field is a {@code String}; {@link #language()} is one of PostgreSQL's built-in
 * text search configurations ({@code simple}, {@code english}, {@code german}, {@code french}, ...).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface FullText {
    /** The text search configuration, e.g. {@code english}. */
    String language() default "english";
}
