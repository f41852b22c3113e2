package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of an {@link Aggregate} that folds one event type into the state. Three shapes:
 *
 * <ul>
 *   <li>mutable: {@code void on(OrderPlaced e)} changes this instance;
 *   <li>immutable instance: {@code Order on(OrderPlaced e)} returns the new state;
 *   <li>immutable static: {@code static Order on(Order state, OrderPlaced e)} returns the new state.
 * </ul>
 *
 * Each may take the {@code io.rillflow.events.EventEnvelope} last, for the event's metadata. Exactly one parameter is
 * the event, and each event type has at most one {@code @Apply} method per aggregate. Events without one are skipped.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Apply {}
