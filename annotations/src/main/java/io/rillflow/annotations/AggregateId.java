package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of a {@link Handle} method that receives the id of the aggregate the command was sent to, the
 * id given to {@code execute} or {@code dispatch}: {@code @Handle List<Object> open(Open c, @AggregateId UUID id)}.
 * Commands need not repeat the id to put it into their events.
 *
 * <p>The processor enforces: the parameter comes after the command (in any order with the {@code CommandContext});
 * its type is the aggregate's id type ({@code String} unless {@code @Aggregate(id = UUID.class)}); a method has at
 * most one; and only {@code @Handle} methods of an {@code @Aggregate} take it (on a command's record component it is an
 * error: the id is never read from the command).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface AggregateId {}
