package io.rillflow.processor.aggregates;

import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/** How messages name methods and types: {@code test.Order.on(OrderPlaced, EventEnvelope)}. */
final class MethodLabels {
    private MethodLabels() {}

    static String of(ExecutableElement method) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        return owner.getQualifiedName() + "." + method.getSimpleName()
                + method.getParameters().stream()
                        .map(p -> simple(p.asType()))
                        .collect(Collectors.joining(", ", "(", ")"));
    }

    static String simple(TypeMirror type) {
        if (type instanceof DeclaredType declared) {
            String name = declared.asElement().getSimpleName().toString();
            if (declared.getTypeArguments().isEmpty()) {
                return name;
            }
            return name
                    + declared.getTypeArguments().stream()
                            .map(MethodLabels::simple)
                            .collect(Collectors.joining(", ", "<", ">"));
        }
        return type.toString();
    }
}
