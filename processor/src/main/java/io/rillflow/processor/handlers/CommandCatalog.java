package io.rillflow.processor.handlers;

import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * What the compilation shows of command handling: the command types its {@code @Aggregate} classes handle (the first
 * parameter of each {@code @Handle} method) and the types it declares. A command type declared in the compilation can
 * only be handled by an aggregate the compilation can see, so that is where a missing handler is a compile error.
 */
final class CommandCatalog {
    private final List<TypeMirror> handled = new ArrayList<>();
    private final Set<String> declared = new HashSet<>();

    /** Adds what one round shows: its root types and its {@code @Aggregate} classes. */
    void add(Collection<? extends Element> roots, Collection<? extends Element> aggregates) {
        for (TypeElement root : ElementFilter.typesIn(roots)) {
            declared.add(root.getQualifiedName().toString());
        }
        for (TypeElement aggregate : ElementFilter.typesIn(aggregates)) {
            for (ExecutableElement method : ElementFilter.methodsIn(aggregate.getEnclosedElements())) {
                if (AnnotationMirrors.find(method, AnnotationNames.HANDLE).isPresent()
                        && !method.getParameters().isEmpty()
                        && method.getParameters().get(0).asType() instanceof DeclaredType) {
                    handled.add(method.getParameters().get(0).asType());
                }
            }
        }
    }

    /** Whether {@code command} is declared in this compilation (its outermost type is one of its sources). */
    boolean declaredHere(TypeElement command) {
        Element outer = command;
        while (outer.getEnclosingElement() instanceof TypeElement enclosing) {
            outer = enclosing;
        }
        return declared.contains(((TypeElement) outer).getQualifiedName().toString());
    }

    /**
     * Whether an aggregate of the compilation handles {@code command}: it is, or extends, a handled type, or it is a
     * sealed type all of whose permitted subtypes are handled.
     */
    boolean handles(Types types, TypeElement command) {
        return unhandled(types, command).isEmpty();
    }

    /**
     * The type that makes {@code command} unroutable: itself when nothing handles it, or for a sealed type the first
     * permitted subtype (searched depth first) that no aggregate handles; empty when an aggregate handles it.
     */
    Optional<TypeElement> unhandled(Types types, TypeElement command) {
        if (handledDirectly(types, command)) {
            return Optional.empty();
        }
        if (command.getModifiers().contains(Modifier.SEALED)
                && !command.getPermittedSubclasses().isEmpty()) {
            for (TypeMirror permitted : command.getPermittedSubclasses()) {
                if (!(types.asElement(permitted) instanceof TypeElement subtype)) {
                    return Optional.of(command);
                }
                Optional<TypeElement> missing = unhandled(types, subtype);
                if (missing.isPresent()) {
                    return missing;
                }
            }
            return Optional.empty();
        }
        return Optional.of(command);
    }

    private boolean handledDirectly(Types types, TypeElement command) {
        TypeMirror erased = types.erasure(command.asType());
        for (TypeMirror type : handled) {
            if (types.isAssignable(erased, types.erasure(type))) {
                return true;
            }
        }
        return false;
    }
}
