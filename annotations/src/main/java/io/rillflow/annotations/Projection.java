package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a projection: a read model kept current from the event log by the projection daemon. Its
 * {@link On} methods receive the events, its optional {@link Rebuild} method clears the read model before a replay.
 * The processor generates {@code <Type>_Projection}, which dispatches each stored event to the right method, and
 * lists the projection in the compilation's registry.
 *
 * <p>Rules the processor enforces (each a compile error on the offending element):
 *
 * <ul>
 *   <li>the type is a class that is not private, abstract or generic, top level or static nested;
 *   <li>the name is lower-case letters, digits and underscores, starting with a letter, at most 63 characters,
 *       and no other projection of the compilation has it;
 *   <li>it has at least one {@link On} method, at most one {@link Rebuild} method.
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Projection {
    /** The projection's name, which keys its checkpoint, lease and dead letters. */
    String name();

    /** When events are applied: by the daemon (the default) or inside each append's transaction. */
    ProjectionMode mode() default ProjectionMode.ASYNC;
}
