package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method that turns version {@code n} of an event into version {@code n + 1}. Stored events are
 * upcast on every read (streams, the log, aggregates, projections), step by step, to the current version.
 *
 * <p>Both sides may be typed or JSON:
 *
 * <ul>
 *   <li>{@code static OrderPlaced up(OrderPlacedV1 old)}: both are {@link Event} types of the same name, versions
 *       {@code n} and {@code n + 1};
 *   <li>{@code static OrderPlaced up(JsonNode old)}: from version {@code n} of the returned type's event, as JSON;
 *   <li>{@code static ObjectNode up(OrderPlacedV1 old)}: to version {@code n + 1} of the parameter's event, as JSON;
 *   <li>{@code @Upcast(event = "OrderPlaced", from = 1) static ObjectNode up(ObjectNode old)}: JSON to JSON.
 * </ul>
 *
 * JSON sides are Jackson's {@code JsonNode} or {@code ObjectNode}. Rules the processor enforces (each a compile
 * error on the method): the method is public and static in a public type, takes one parameter and returns a value;
 * the target version exists (an {@link Event} type of that name at that version or later); no two upcasts share a
 * step.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Upcast {
    /** The event name, needed only when neither side is a typed event. */
    String event() default "";

    /** The version upcast from, needed only when neither side is a typed event. */
    int from() default 0;
}
