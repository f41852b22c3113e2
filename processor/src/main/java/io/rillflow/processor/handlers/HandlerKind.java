package io.rillflow.processor.handlers;

import com.palantir.javapoet.ClassName;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.handlers.HandlerClassDescriptor.Argument;
import java.util.Set;

/**
 * The kinds of event-handler class: what sets a {@code @Projection} apart from a {@code @ProcessManager}. Everything
 * else (how the class and its {@code @On} methods are read, checked and dispatched to) is shared, so the two differ
 * only in the values below.
 */
public enum HandlerKind {
    PROJECTION(
            AnnotationNames.PROJECTION,
            "projection",
            "projections",
            "the checkpoint, lease and dead letters",
            Set.of(Argument.ENVELOPE, Argument.CONTEXT, Argument.CONNECTION),
            "EventEnvelope, ProjectionContext or java.sql.Connection",
            "",
            RuntimeTypes.PROJECTION_HANDLER,
            RuntimeTypes.PROJECTION_DEFINITION),
    PROCESS_MANAGER(
            AnnotationNames.PROCESS_MANAGER,
            "process manager",
            "process managers",
            "the checkpoint, lease, dead letters and command idempotency keys",
            Set.of(Argument.ENVELOPE),
            "EventEnvelope",
            " and returns the commands to send",
            RuntimeTypes.PROCESS_MANAGER_HANDLER,
            RuntimeTypes.PROCESS_MANAGER_DEFINITION);

    private final String annotation;
    private final String noun;
    private final String plural;
    private final String nameKeys;
    private final Set<Argument> extraArguments;
    private final String extraArgumentsText;
    private final String onHint;
    private final ClassName handlerInterface;
    private final ClassName definition;

    HandlerKind(
            String annotation,
            String noun,
            String plural,
            String nameKeys,
            Set<Argument> extraArguments,
            String extraArgumentsText,
            String onHint,
            ClassName handlerInterface,
            ClassName definition) {
        this.annotation = annotation;
        this.noun = noun;
        this.plural = plural;
        this.nameKeys = nameKeys;
        this.extraArguments = extraArguments;
        this.extraArgumentsText = extraArgumentsText;
        this.onHint = onHint;
        this.handlerInterface = handlerInterface;
        this.definition = definition;
    }

    /** The qualified name of the class annotation. */
    public String annotation() {
        return annotation;
    }

    /** The annotation as messages write it after {@code @}: {@code Projection}. */
    public String simpleName() {
        return annotation.substring(annotation.lastIndexOf('.') + 1);
    }

    /** For messages: "projection". */
    public String noun() {
        return noun;
    }

    /** For messages: "projections". */
    public String plural() {
        return plural;
    }

    /** For messages: what the name keys in the database, and so why it must be unique. */
    public String nameKeys() {
        return nameKeys;
    }

    /** What an {@code @On} method may take after the event. */
    public Set<Argument> extraArguments() {
        return extraArguments;
    }

    /** For messages: {@link #extraArguments()} as a user writes them. */
    public String extraArgumentsText() {
        return extraArgumentsText;
    }

    /** For messages: what an {@code @On} method does besides taking an event, with a leading space, or empty. */
    public String onHint() {
        return onHint;
    }

    /** Whether {@code @On} methods return the commands to send ({@code Dispatch}); otherwise what they return is ignored. */
    public boolean dispatches() {
        return this == PROCESS_MANAGER;
    }

    /** Whether the class may have a {@code @Rebuild} method. */
    public boolean rebuilds() {
        return this == PROJECTION;
    }

    /** The runtime interface the generated class implements. */
    public ClassName handlerInterface() {
        return handlerInterface;
    }

    /** The runtime type of the generated {@code DEFINITION}, which the registry lists. */
    public ClassName definition() {
        return definition;
    }

    /** The registry method that lists the definitions. */
    public String registryMethod() {
        return this == PROJECTION ? "projections" : "processManagers";
    }

    /** The name a generated class gives the instance it dispatches to: {@code projection}. */
    public String instanceName() {
        return this == PROJECTION ? "projection" : "processManager";
    }

    /** The generated dispatch class: {@code <Type>_Projection}, nested names joined by underscores. */
    public ClassName handlerClass(ClassName type) {
        return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + "_" + simpleName());
    }
}
