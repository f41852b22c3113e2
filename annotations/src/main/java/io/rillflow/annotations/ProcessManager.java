package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a process manager: a workflow across aggregates that reacts to events with commands. Each
 * {@link On} method takes an event (optionally followed by its {@code EventEnvelope}) and returns the commands to
 * send, as {@code Dispatch<C>} or {@code List<Dispatch<C>>} values naming each command's target aggregate. The
 * processor generates {@code <Type>_ProcessManager}, which dispatches each stored event to the right method, and lists
 * the process manager in the compilation's registry.
 *
 * <p>Rules the processor enforces (each a compile error on the offending element):
 *
 * <ul>
 *   <li>the type is a class that is not private, abstract or generic, top level or static nested;
 *   <li>the name is lower-case letters, digits and underscores, starting with a letter, at most 63 characters,
 *       and no other process manager of the compilation has it;
 *   <li>it has at least one {@link On} method; each takes a concrete event class first, then at most an
 *       {@code EventEnvelope}; no two take the same event class;
 *   <li>each {@link On} method returns {@code Dispatch<C>} or {@code List<Dispatch<C>>}; when {@code C} is a class
 *       declared in the same compilation, an {@code @Aggregate} of the compilation handles it.
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ProcessManager {
    /**
     * The process manager's name, which keys its checkpoint, lease and dead letters and starts the idempotency key of
     * every command it sends. It shares the namespace of projection names.
     */
    String name();
}
