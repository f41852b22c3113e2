package io.rillflow.processor.placement;

import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Feature;
import io.rillflow.processor.Message;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.registry.RegistryEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Types;

/**
 * Reports every Rillflow annotation written where no feature reads it: a handler method outside the class kind that
 * calls it, a document member annotation in a class that is no document, a type-level index outside a document.
 * Such an annotation compiles and then silently does nothing, so each one is an error saying where it belongs.
 *
 * <p>Features read only what they own: an {@code @Aggregate}'s own methods, a {@code @Projection}'s own methods, a
 * {@code @Document}'s properties (inherited ones included). This feature holds the complementary rule for each
 * annotation, in {@link Placement}; annotations that are read wherever they appear ({@code @Upcast}) or whose stray
 * use another feature already reports ({@code @Query}) have none.
 */
public final class StrayAnnotations implements Feature {
    private static final String INHERITED =
            " (handler methods are read from the annotated class itself, never from its supertypes)";
    private static final String DOCUMENT_FIX = "Annotate the class with @Document, or move the annotation to the"
            + " @Document type's own property (a nested value's fields are indexed with @Index(path = \"a.b\") on"
            + " the document)";
    private static final String INDEX_FIX = "Put it on the @Document type or on one of its properties; a nested"
            + " value's fields are indexed with @Index(path = \"a.b\") on the document";

    @Override
    public Set<String> annotations() {
        Set<String> names = new HashSet<>();
        for (Placement placement : Placement.values()) {
            names.add(placement.annotation());
        }
        return names;
    }

    @Override
    public List<RegistryEntry> processRound(ProcessingEnvironment env, RoundEnvironment round) {
        List<TypeElement> documents = annotatedTypes(env, round, AnnotationNames.DOCUMENT);
        for (Placement placement : Placement.values()) {
            TypeElement annotation = env.getElementUtils().getTypeElement(placement.annotation());
            if (annotation == null) {
                continue;
            }
            // A record component's annotation is also on its field and accessor: one report per member.
            Set<String> reported = new HashSet<>();
            List<Element> elements = new ArrayList<>(round.getElementsAnnotatedWith(annotation));
            elements.sort(Comparator.comparing(e -> e.getKind() != ElementKind.FIELD)); // fields name components
            for (Element element : elements) {
                if (!placement.appliesTo(element)) {
                    continue;
                }
                TypeElement owner = owner(element);
                Optional<String> problem = placement.problem(element, owner, documents, env.getTypeUtils());
                if (problem.isPresent() && reported.add(owner.getQualifiedName() + "." + element.getSimpleName())) {
                    ValidationReport.of(
                                    Message.ANNOTATION_NOT_READ,
                                    element,
                                    annotation.getSimpleName(),
                                    describe(element, owner),
                                    problem.get(),
                                    placement.fix())
                            .printTo(env.getMessager());
                }
            }
        }
        return List.of();
    }

    @Override
    public void finish(ProcessingEnvironment env) {}

    private static List<TypeElement> annotatedTypes(ProcessingEnvironment env, RoundEnvironment round, String name) {
        TypeElement annotation = env.getElementUtils().getTypeElement(name);
        List<TypeElement> types = new ArrayList<>();
        if (annotation != null) {
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (element instanceof TypeElement type) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    private static TypeElement owner(Element element) {
        return element instanceof TypeElement type ? type : (TypeElement) element.getEnclosingElement();
    }

    private static String describe(Element element, TypeElement owner) {
        if (element instanceof TypeElement type) {
            return type.getQualifiedName().toString();
        }
        String kind =
                switch (element.getKind()) {
                    case METHOD -> "method ";
                    case FIELD -> owner.getKind() == ElementKind.RECORD ? "record component " : "field ";
                    default -> "";
                };
        return kind + owner.getSimpleName() + "." + element.getSimpleName();
    }

    /** Where one annotation is read, and what to say when it is written elsewhere. */
    enum Placement {
        ON(AnnotationNames.ON, "Annotate the class with @Projection or @ProcessManager, or remove @On") {
            @Override
            Optional<String> problem(Element element, TypeElement owner, List<TypeElement> documents, Types types) {
                if (has(owner, AnnotationNames.PROJECTION) || has(owner, AnnotationNames.PROCESS_MANAGER)) {
                    return Optional.empty();
                }
                return Optional.of(owner.getQualifiedName() + " is not a @Projection or a @ProcessManager" + INHERITED);
            }
        },
        REBUILD(AnnotationNames.REBUILD, "Move it to a @Projection, or remove @Rebuild") {
            @Override
            Optional<String> problem(Element element, TypeElement owner, List<TypeElement> documents, Types types) {
                if (has(owner, AnnotationNames.PROJECTION)) {
                    return Optional.empty();
                }
                if (has(owner, AnnotationNames.PROCESS_MANAGER)) {
                    return Optional.of(owner.getQualifiedName() + " is a @ProcessManager, and process managers are"
                            + " never rebuilt: a replay would send their commands again");
                }
                return Optional.of(owner.getQualifiedName() + " is not a @Projection" + INHERITED);
            }
        },
        HANDLE(AnnotationNames.HANDLE, "Command handlers belong in the @Aggregate class that the command changes") {
            @Override
            Optional<String> problem(Element element, TypeElement owner, List<TypeElement> documents, Types types) {
                return aggregateOnly(owner);
            }
        },
        APPLY(AnnotationNames.APPLY, "Event appliers belong in the @Aggregate class whose state they change") {
            @Override
            Optional<String> problem(Element element, TypeElement owner, List<TypeElement> documents, Types types) {
                return aggregateOnly(owner);
            }
        },
        ID(AnnotationNames.ID, DOCUMENT_FIX) {
            @Override
            Optional<String> problem(Element element, TypeElement owner, List<TypeElement> documents, Types types) {
                return documentMember(owner, documents, types);
            }
        },
        FULL_TEXT(AnnotationNames.FULL_TEXT, DOCUMENT_FIX) {
            @Override
            Optional<String> problem(Element element, TypeElement owner, List<TypeElement> documents, Types types) {
                return documentMember(owner, documents, types);
            }
        },
        INDEX(AnnotationNames.INDEX, INDEX_FIX) {
            @Override
            Optional<String> problem(Element element, TypeElement owner, List<TypeElement> documents, Types types) {
                return index(element, owner, documents, types);
            }
        },
        INDEXES(AnnotationNames.INDEXES, INDEX_FIX) {
            @Override
            Optional<String> problem(Element element, TypeElement owner, List<TypeElement> documents, Types types) {
                return index(element, owner, documents, types);
            }
        };

        private final String annotation;
        private final String fix;

        Placement(String annotation, String fix) {
            this.annotation = annotation;
            this.fix = fix;
        }

        String annotation() {
            return annotation;
        }

        String fix() {
            return fix;
        }

        /** Whether this rule judges {@code element}; the compiler's own {@code @Target} check covers the rest. */
        boolean appliesTo(Element element) {
            ElementKind kind = element.getKind();
            // Not the record component itself: javac gives it no source position, and every annotation here that
            // targets components also targets fields, so the component's field carries it.
            return kind == ElementKind.METHOD || kind == ElementKind.FIELD || element instanceof TypeElement;
        }

        /** Why no feature reads the annotation on a member of (or on) {@code owner}; empty when one does. */
        abstract Optional<String> problem(Element element, TypeElement owner, List<TypeElement> documents, Types types);

        private static boolean has(TypeElement type, String annotation) {
            return AnnotationMirrors.find(type, annotation).isPresent();
        }

        private static Optional<String> aggregateOnly(TypeElement owner) {
            if (has(owner, AnnotationNames.AGGREGATE)) {
                return Optional.empty();
            }
            String what = has(owner, AnnotationNames.PROCESS_MANAGER)
                    ? " is a @ProcessManager, which reacts to events with @On and returns commands for aggregates"
                    : has(owner, AnnotationNames.PROJECTION)
                            ? " is a @Projection, which reads events with @On and handles no commands"
                            : " is not an @Aggregate" + INHERITED;
            return Optional.of(owner.getQualifiedName() + what);
        }

        /**
         * A document's properties include inherited ones, so a supertype of a document of this round is read, and an
         * abstract type may be the base of documents compiled elsewhere.
         */
        private static Optional<String> documentMember(TypeElement owner, List<TypeElement> documents, Types types) {
            if (has(owner, AnnotationNames.DOCUMENT)
                    || owner.getModifiers().contains(Modifier.ABSTRACT)
                    || owner.getKind() == ElementKind.INTERFACE
                    || documents.stream()
                            .anyMatch(d -> types.isSubtype(types.erasure(d.asType()), types.erasure(owner.asType())))) {
                return Optional.empty();
            }
            return Optional.of(owner.getQualifiedName() + " is not a @Document, nor a supertype of one");
        }

        /** A type-level index is read from the document type itself only, not from its supertypes. */
        private static Optional<String> index(
                Element element, TypeElement owner, List<TypeElement> documents, Types types) {
            if (element instanceof TypeElement && !has(owner, AnnotationNames.DOCUMENT)) {
                return Optional.of(owner.getQualifiedName() + " is not a @Document (a type-level index is read from"
                        + " the document type itself, never from a supertype)");
            }
            return documentMember(owner, documents, types);
        }
    }
}
