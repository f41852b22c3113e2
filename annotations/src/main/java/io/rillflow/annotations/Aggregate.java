package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event-sourced aggregate: {@link Handle} methods decide which events a command produces, {@link Apply}
 * methods fold events into the state. The processor generates {@code <Type>Repository} with the dispatch (a switch on
 * the event type, a type test per command, no reflection) and {@code load}, {@code execute} and snapshot methods.
 *
 * <p>Each instance lives in its own stream: a {@code UUID} id is the stream id; a {@code String} id maps to the
 * name-based stream id of {@code "<name>:<id>"}, the same id {@code EventStore.resolveStreamAlias} gives.
 *
 * <p>Rules the processor enforces (each a compile error): the type has an accessible no-argument constructor or a
 * static no-argument {@code initial()} method returning it; every {@link Apply} takes exactly one event; no two
 * {@link Apply} methods take the same event; every {@link Handle} returns a {@code List} of events; no command is
 * handled by two methods or two aggregates.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Aggregate {
    /**
     * The aggregate type name, recorded as the stream type and part of the stream id of string ids. Defaults to the
     * simple name in snake case ({@code ShoppingCart} → {@code shopping_cart}).
     */
    String value() default "";

    /** The id type: {@code String.class} (the default) or {@code java.util.UUID.class}. */
    Class<?> id() default String.class;

    /**
     * The version of the state's stored shape in snapshots. Raise it when the state changes in a way its JSON does
     * not show (a field's meaning); snapshots of another version are ignored and the state is rebuilt from events.
     */
    int snapshotVersion() default 1;
}
