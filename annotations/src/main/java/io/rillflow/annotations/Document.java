package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type as a document: stored as JSON in its own table {@code rf_doc_<name>}, with a generated metamodel
 * ({@code Type_}) of typed field references and a generated repository ({@code TypeRepository}).
 *
 * <p>Rules the processor enforces (each a compile error on the type):
 *
 * <ul>
 *   <li>the type is a public, non-abstract class or record, top level or static nested;
 *   <li>Jackson can construct it: a record, or a class with a public no-argument constructor;
 *   <li>exactly one field or record component is annotated {@link Id}, of type {@code UUID}, {@code String} or
 *       {@code long}/{@code Long};
 *   <li>no two documents of one compilation map to the same table name, and a document with {@link #history()}
 *       does not take the history table name {@code rf_doc_<name>_history} of another one's table.
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Document {
    /**
     * The document name: lower-case letters, digits and underscores, starting with a letter, at most 40 characters.
     * Defaults to the simple name in snake case ({@code OrderLine} → {@code order_line}).
     */
    String name() default "";

    /**
     * Whether every version of each document is kept, in the table {@code rf_doc_<name>_history}, written in the same
     * transaction as the change; the generated repository then reads a document's versions ({@code history(id)}) and
     * loads it as of a version or a time ({@code atVersion}, {@code asOf}). Off by default: each write then costs one
     * more row.
     */
    boolean history() default false;
}
