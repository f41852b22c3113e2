package io.rillflow.processor.process;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A valid {@code @ProcessManager}, as the writer needs it: no elements but the originating type.
 *
 * @param element the annotated class
 * @param type the annotated class's name
 * @param name the process manager's name
 * @param handlers the {@code @On} methods, sorted by method name and event type
 * @param commandTypes the declared command classes of the {@code @On} methods (erased, sorted, without duplicates)
 * @param instantiable whether the class has a no-argument constructor the generated code may call
 */
record ProcessManagerDescriptor(
        TypeElement element,
        ClassName type,
        String name,
        List<Handler> handlers,
        List<TypeName> commandTypes,
        boolean instantiable) {

    /**
     * An {@code @On} method.
     *
     * @param event the event class it takes (erased)
     * @param method the method's name
     * @param envelope whether it takes the {@code EventEnvelope} after the event
     * @param list whether it returns a list of dispatches rather than one
     */
    record Handler(TypeName event, String method, boolean envelope, boolean list) {}

    /** The generated dispatch class: {@code <Type>_ProcessManager}, nested names joined by underscores. */
    ClassName handlerClass() {
        return handlerClass(type);
    }

    static ClassName handlerClass(ClassName type) {
        return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + "_ProcessManager");
    }
}
