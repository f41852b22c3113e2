package io.rillflow.processor.handlers;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * A valid {@code @Projection} or {@code @ProcessManager} class, as the writer needs it: no elements but the
 * originating type.
 *
 * @param kind projection or process manager
 * @param element the annotated class
 * @param type the annotated class's name
 * @param name the name it is registered under
 * @param mode the {@code ProjectionMode} constant of a projection; null for a process manager
 * @param handlers the {@code @On} methods, sorted by method name and event type
 * @param rebuild the {@code @Rebuild} method of a projection, if any
 * @param commandTypes the command classes the {@code @On} methods send (erased, sorted, without duplicates)
 * @param instantiable whether the class has a no-argument constructor the generated code may call
 */
public record HandlerClassDescriptor(
        HandlerKind kind,
        TypeElement element,
        ClassName type,
        String name,
        String mode,
        List<Handler> handlers,
        Optional<Method> rebuild,
        List<TypeName> commandTypes,
        boolean instantiable) {

    public HandlerClassDescriptor {
        handlers = List.copyOf(handlers);
        commandTypes = List.copyOf(commandTypes);
    }

    /** What the dispatch passes for one parameter. */
    public enum Argument {
        EVENT,
        ENVELOPE,
        CONTEXT,
        CONNECTION
    }

    /** What an {@code @On} method returns, as the dispatch uses it. */
    public enum Returns {
        /** Ignored: a projection's method. */
        IGNORED,
        /** One {@code Dispatch}, or null for none. */
        ONE_DISPATCH,
        /** A list of {@code Dispatch}. */
        DISPATCH_LIST
    }

    /**
     * A method the dispatch calls.
     *
     * @param name the method's name
     * @param arguments what to pass, in parameter order
     */
    public record Method(String name, List<Argument> arguments) {}

    /**
     * An {@code @On} method and the event class it takes.
     *
     * @param event the event class (erased)
     * @param method the method
     * @param returns how the dispatch uses what it returns
     */
    public record Handler(TypeName event, Method method, Returns returns) {}

    /** The generated dispatch class. */
    public ClassName handlerClass() {
        return kind.handlerClass(type);
    }
}
