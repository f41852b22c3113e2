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
 * {@code Long}, {@code int} or {@code Integer}, and a command has at most one. It is read only on the record type a
 * {@code @Handle} method takes itself (not on the records of a sealed command type it takes): on a record no
 * {@code @Handle} method of the compilation takes, the processor warns. A command compiled apart from its aggregate
 * (in a module of commands) silences that with {@code @SuppressWarnings("rillflow:command-handled-elsewhere")}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface ExpectedVersion {}
