package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link Projection} that clears its read model when the projection is rebuilt, in the same
 * transaction that moves its checkpoint back to the start. It may take the {@code ProjectionContext} and the
 * transaction's {@code java.sql.Connection}; it is neither private nor static, and a projection has at most one.
 * {@code context.documents(Summary.class).deleteAll()} empties a document read model; if the method throws, the
 * rebuild rolls back and changes nothing.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Rebuild {}
