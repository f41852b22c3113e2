package io.rillflow.processor.aggregates;

import com.palantir.javapoet.ClassName;
import io.rillflow.processor.events.EventTypeDescriptor;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Everything the writer needs about one valid {@code @Aggregate}.
 *
 * @param element the aggregate type
 * @param type its class name
 * @param name the aggregate name (stream type)
 * @param idType {@code String} or {@code UUID}
 * @param snapshotVersion the declared snapshot shape version
 * @param shape a hash of the state's fields
 * @param initialFactory the static {@code initial()} method's name, or null to call the no-argument constructor
 * @param applies the {@code @Apply} methods, in declaration order
 * @param handles the {@code @Handle} methods, in declaration order
 * @param repository the repository class to generate
 */
public record AggregateDescriptor(
        TypeElement element,
        ClassName type,
        String name,
        ClassName idType,
        int snapshotVersion,
        String shape,
        String initialFactory,
        List<Apply> applies,
        List<Handle> handles,
        ClassName repository) {
    /** How an {@code @Apply} method folds its event. */
    public enum Style {
        /** {@code void on(E e)}: changes the instance. */
        MUTABLE,
        /** {@code S on(E e)}: returns the new state. */
        RETURNS_STATE,
        /** {@code static S on(S state, E e)}: returns the new state. */
        STATIC
    }

    /**
     * An {@code @Apply} method.
     *
     * @param method the method
     * @param event the event it applies
     * @param style how it is called
     * @param withEnvelope whether it takes the envelope last
     */
    public record Apply(ExecutableElement method, EventTypeDescriptor event, Style style, boolean withEnvelope) {}

    /**
     * A command's {@code @ExpectedVersion} record component.
     *
     * @param accessor the component's name, which is its accessor's
     * @param integer whether it is an {@code int} or {@code Integer} (else a {@code long} or {@code Long})
     * @param boxed whether it is {@code Integer} or {@code Long}, so may be null
     */
    public record Version(String accessor, boolean integer, boolean boxed) {}

    /** What a {@code @Handle} method takes after the command. */
    public enum Argument {
        /** The {@code CommandContext} the command was sent with. */
        CONTEXT,
        /** The id of the aggregate, a parameter marked {@code @AggregateId}. */
        ID
    }

    /**
     * A {@code @Handle} method.
     *
     * @param method the method
     * @param command the command class (erased)
     * @param arguments what it takes after the command, in order
     * @param version the command's {@code @ExpectedVersion} component, or null
     */
    public record Handle(ExecutableElement method, ClassName command, List<Argument> arguments, Version version) {
        public Handle {
            arguments = List.copyOf(arguments);
        }
    }

    public AggregateDescriptor {
        applies = List.copyOf(applies);
        handles = List.copyOf(handles);
    }
}
