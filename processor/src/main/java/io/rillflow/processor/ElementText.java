package io.rillflow.processor;

import com.palantir.javapoet.TypeName;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/**
 * How every diagnostic names a method and a type, so that all messages read alike:
 * {@code CustomerQueries.findByEmail(String email)}, as micronaut-data names the method it cannot implement.
 */
public final class ElementText {
    private static final String QUALIFIER = "\\b(?:[A-Za-z_$][A-Za-z0-9_$]*\\.)+([A-Za-z_$][A-Za-z0-9_$]*)";

    private ElementText() {}

    /** {@code Type.method(Param name, List<Other> others)}: the declaring type and parameter types unqualified. */
    public static String method(ExecutableElement method) {
        return method(method.getEnclosingElement().getSimpleName(), method);
    }

    /** {@link #method(ExecutableElement)} as a member of {@code owner}, which may inherit it from the declaring type. */
    public static String method(CharSequence owner, ExecutableElement method) {
        return owner + "." + method.getSimpleName()
                + method.getParameters().stream()
                        .map(p -> type(p.asType()) + " " + p.getSimpleName())
                        .collect(Collectors.joining(", ", "(", ")"));
    }

    /** A type without its qualifiers, type arguments included: {@code List<Object>}, {@code Placed}. */
    public static String type(TypeMirror type) {
        return type.toString().replaceAll(QUALIFIER, "$1");
    }

    /** {@link #type(TypeMirror)} for a type the processor names itself. */
    public static String type(TypeName type) {
        return type.toString().replaceAll(QUALIFIER, "$1");
    }
}
