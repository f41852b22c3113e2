package io.rillflow.processor.projection;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * A valid {@code @Projection}, as the writer needs it: no elements but the originating type.
 *
 * @param element the annotated class
 * @param type the annotated class's name
 * @param name the projection's name
 * @param mode the {@code ProjectionMode} constant
 * @param handlers the {@code @On} methods, sorted by method name and event type
 * @param rebuild the {@code @Rebuild} method, if any
 * @param instantiable whether the class has a no-argument constructor the generated code may call
 */
record ProjectionDescriptor(
        TypeElement element,
        ClassName type,
        String name,
        String mode,
        List<Handler> handlers,
        Optional<Method> rebuild,
        boolean instantiable) {

    /** What the dispatch passes for one parameter. */
    enum Argument {
        EVENT,
        ENVELOPE,
        CONTEXT,
        CONNECTION
    }

    /**
     * A method the dispatch calls.
     *
     * @param name the method's name
     * @param arguments what to pass, in parameter order
     */
    record Method(String name, List<Argument> arguments) {}

    /**
     * An {@code @On} method and the event class it takes.
     *
     * @param event the event class (erased)
     * @param method the method
     */
    record Handler(TypeName event, Method method) {}

    /** The generated dispatch class: {@code <Type>_Projection}, nested names joined by underscores. */
    ClassName handlerClass() {
        return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + "_Projection");
    }
}
