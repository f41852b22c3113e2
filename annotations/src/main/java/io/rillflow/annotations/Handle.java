package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of an {@link Aggregate} that handles one command type: an instance method taking the command (and
 * optionally, after it and in any order, the {@code io.rillflow.aggregates.CommandContext} it was sent with, e.g. to
 * check the actor, and the aggregate's id as a parameter marked {@link AggregateId}) and returning the events it produces, {@code List<Object>} or a list of a common event supertype (empty: nothing
 * happens). It reads the current state and must not change it; throw an exception to reject the command.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Handle {}
