package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that reacts to one event type: in a {@link Projection}, it applies the event to the read model; in a
 * {@link ProcessManager}, it returns the commands to send (see {@link ProcessManager} for its parameters, return type
 * and rules).
 *
 * <p>In a projection, the first parameter is the event (a registered event class); the others, in any order, may be
 * the {@code EventEnvelope} (metadata), the {@code ProjectionContext} (the batch's transaction and documents) and the
 * transaction's {@code java.sql.Connection}. The method may throw any exception: the batch then rolls back and the
 * event is retried or dead-lettered.
 *
 * <p>Rules the processor enforces: the method is neither private nor static, has an event parameter, no other
 * parameter types, the event is a concrete class (dispatch is by exact class), and no other {@code @On} method of the
 * same class takes the same event type; the class is a {@code @Projection} or a {@code @ProcessManager}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface On {}
