package io.rillflow.processor;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/** How diagnostics name methods and types, and what generated code needs of a user class, shared by the features. */
public final class MethodText {
    private MethodText() {}

    /** {@code Type.method(Param, List<Other>)}: the method as a message names it, parameter types unqualified. */
    public static String describe(TypeElement type, ExecutableElement method) {
        StringBuilder text = new StringBuilder(type.getSimpleName()).append('.').append(method.getSimpleName());
        text.append('(');
        for (int i = 0; i < method.getParameters().size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(simpleName(method.getParameters().get(i).asType()));
        }
        return text.append(')').toString();
    }

    /** A type without its qualifiers, type arguments included: {@code List<Object>}, {@code Placed}. */
    public static String simpleName(TypeMirror type) {
        return type.toString().replaceAll("\\b(?:[A-Za-z_$][A-Za-z0-9_$]*\\.)+([A-Za-z_$][A-Za-z0-9_$]*)", "$1");
    }

    /** Whether generated code can create {@code type} with {@code new}: a non-private constructor without parameters. */
    public static boolean instantiable(TypeElement type) {
        for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (constructor.getParameters().isEmpty()
                    && !constructor.getModifiers().contains(Modifier.PRIVATE)) {
                return true;
            }
        }
        return false;
    }
}
