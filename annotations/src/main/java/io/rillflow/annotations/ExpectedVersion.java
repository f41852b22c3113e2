package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the record component of a command that states the aggregate version the command was decided against, as
 * Axon's {@code @TargetAggregateVersion} does: {@code record Rename(String name, @ExpectedVersion long version) {}}.
 * Executing the command then behaves as {@code execute(id, command, context, command.version())}: when the aggregate
 * is at another version it fails with a {@code ConcurrencyException}, writes nothing and is not retried. A null value
 * states no version; a version given to {@code execute} or {@code dispatch} takes precedence.
 *
 * <p>The processor enforces, for each command a {@link Handle} method takes: the component is a {@code long},
 * {@code Long}, {@code int} or {@code Integer}, and a command has at most one.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface ExpectedVersion {}
