package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record or class as an event type and names it. The name, not the class name, is what is stored with every
 * event, so a class can move to another package without breaking the events already written.
 *
 * <p>The annotation is optional for events an {@link Aggregate} applies: those are registered under the default name.
 * Put it on an event to pin its name, to give it a schema version, or to register an event no aggregate applies.
 *
 * <p>Rules the processor enforces (each a compile error):
 *
 * <ul>
 *   <li>no two event types of one compilation have the same name and version;
 *   <li>an event at version {@code n > 1} has an {@link Upcast} for every step from version 1 to {@code n}.
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Event {
    /**
     * The stored type name. Defaults to the simple name, with the simple names of enclosing types before it joined by
     * dots: {@code OrderPlaced}, or {@code Order.Placed} for a type nested in {@code Order}.
     */
    String name() default "";

    /**
     * The schema version of this shape of the event, 1 or more. Raise it when the shape changes and add an
     * {@link Upcast} from the previous version; the class of an older version may stay, annotated with its version.
     */
    int version() default 1;
}
