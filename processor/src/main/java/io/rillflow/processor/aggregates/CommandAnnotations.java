package io.rillflow.processor.aggregates;

import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.ElementText;
import io.rillflow.processor.Feature;
import io.rillflow.processor.Message;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.registry.RegistryEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;

/**
 * Reports the command annotations no generated dispatch would read, which would otherwise compile and do nothing.
 *
 * <p>{@code @AggregateId} is read only on a parameter of a {@code @Handle} method of an {@code @Aggregate}; anywhere
 * else, a command's record component included (Axon's habit), it is an error in the round that shows it.
 *
 * <p>{@code @ExpectedVersion} is read only on the record a {@code @Handle} method takes, not on its subtypes. A record
 * no {@code @Handle} of the compilation takes gets a warning, not an error: commands often live in a module of their
 * own that the aggregate's module compiles against, and the aggregate's processor reads the annotation there from the
 * class file. Such a module silences it with {@code @SuppressWarnings(}{@value #SUPPRESS}{@code )}. The warning waits
 * for the end of processing, as a later round may generate the {@code @Handle} method.
 */
public final class CommandAnnotations implements Feature {
    /** The {@code @SuppressWarnings} key of a record whose {@code @ExpectedVersion} another module's aggregate reads. */
    public static final String SUPPRESS = "rillflow:command-handled-elsewhere";

    /** Records with an {@code @ExpectedVersion} component, over the whole compilation, by qualified name. */
    private final Set<String> versioned = new TreeSet<>();
    /** The command types {@code @Handle} methods take, over the whole compilation, by qualified name. */
    private final Set<String> handled = new HashSet<>();

    @Override
    public Set<String> annotations() {
        return Set.of(AnnotationNames.AGGREGATE_ID, AnnotationNames.EXPECTED_VERSION, AnnotationNames.HANDLE);
    }

    @Override
    public List<RegistryEntry> processRound(ProcessingEnvironment env, RoundEnvironment round) {
        for (Element element : annotated(env, round, AnnotationNames.HANDLE)) {
            if (element instanceof ExecutableElement method
                    && !method.getParameters().isEmpty()
                    && method.getParameters().get(0).asType() instanceof DeclaredType command) {
                handled.add(
                        ((TypeElement) command.asElement()).getQualifiedName().toString());
            }
        }
        for (Element element : annotated(env, round, AnnotationNames.EXPECTED_VERSION)) {
            if (element.getEnclosingElement() instanceof TypeElement record) {
                versioned.add(record.getQualifiedName().toString());
            }
        }
        for (Element element : annotated(env, round, AnnotationNames.AGGREGATE_ID)) {
            if (element instanceof VariableElement parameter) {
                checkAggregateId(parameter).printTo(env.getMessager());
            }
        }
        return List.of();
    }

    @Override
    public void finish(ProcessingEnvironment env) {
        for (String name : versioned) {
            TypeElement record = env.getElementUtils().getTypeElement(name);
            if (record != null && !handled.contains(name) && !suppressed(record)) {
                unreadVersion(record).printTo(env.getMessager());
            }
        }
    }

    /** An error unless {@code parameter} is a {@code @Handle} parameter of an {@code @Aggregate}. */
    private static ValidationReport checkAggregateId(VariableElement parameter) {
        Element method = parameter.getEnclosingElement();
        Element owner = method.getEnclosingElement();
        if (method instanceof ExecutableElement constructor && owner instanceof TypeElement record) {
            RecordComponentElement component =
                    canonical(constructor, record) ? component(record, parameter.getSimpleName()) : null;
            if (component != null) {
                // A component's annotation that targets parameters lands on the canonical constructor's parameter.
                return ValidationReport.of(
                        Message.AGGREGATE_ID_ON_COMPONENT,
                        position(record, component),
                        component.getSimpleName(),
                        record.getQualifiedName(),
                        record.getSimpleName(),
                        record.getSimpleName());
            }
        }
        boolean handle = method instanceof ExecutableElement
                && AnnotationMirrors.find(method, AnnotationNames.HANDLE).isPresent()
                && AnnotationMirrors.find(owner, AnnotationNames.AGGREGATE).isPresent();
        if (handle) {
            return ValidationReport.clean();
        }
        return ValidationReport.of(
                Message.AGGREGATE_ID_OUTSIDE_HANDLE,
                parameter,
                parameter.getSimpleName(),
                method instanceof ExecutableElement executable
                        ? ElementText.method(executable)
                        : method.getSimpleName());
    }

    private static ValidationReport unreadVersion(TypeElement record) {
        ValidationReport.Builder report = ValidationReport.builder();
        for (RecordComponentElement component : record.getRecordComponents()) {
            if (AnnotationMirrors.find(component, AnnotationNames.EXPECTED_VERSION)
                    .isPresent()) {
                report.add(
                        Message.EXPECTED_VERSION_NOT_READ,
                        position(record, component),
                        component.getSimpleName(),
                        record.getQualifiedName(),
                        record.getSimpleName(),
                        record.getSimpleName(),
                        SUPPRESS,
                        record.getSimpleName());
            }
        }
        return report.build();
    }

    /** Whether {@code @SuppressWarnings(SUPPRESS)} is on {@code element} or on an element enclosing it. */
    private static boolean suppressed(Element element) {
        for (Element e = element; e != null; e = e.getEnclosingElement()) {
            Optional<? extends AnnotationMirror> mirror = AnnotationMirrors.find(e, "java.lang.SuppressWarnings");
            if (mirror.isPresent()) {
                for (AnnotationValue value : mirror.get().getElementValues().values()) {
                    if (value.getValue() instanceof List<?> keys
                            && keys.stream()
                                    .anyMatch(k ->
                                            ((AnnotationValue) k).getValue().equals(SUPPRESS))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether {@code constructor} is the canonical constructor of a record: one parameter per component, in order. */
    private static boolean canonical(ExecutableElement constructor, TypeElement record) {
        List<? extends RecordComponentElement> components = record.getRecordComponents();
        List<? extends VariableElement> parameters = constructor.getParameters();
        if (constructor.getKind() != ElementKind.CONSTRUCTOR || components.size() != parameters.size()) {
            return false;
        }
        for (int i = 0; i < components.size(); i++) {
            if (!components.get(i).getSimpleName().equals(parameters.get(i).getSimpleName())) {
                return false;
            }
        }
        return true;
    }

    private static RecordComponentElement component(TypeElement record, CharSequence name) {
        return record.getRecordComponents().stream()
                .filter(c -> c.getSimpleName().contentEquals(name))
                .findFirst()
                .orElse(null);
    }

    /** Where to report on a record component: the field it declares, as javac gives the component no position. */
    static Element position(TypeElement record, RecordComponentElement component) {
        for (Element member : record.getEnclosedElements()) {
            if (member.getKind() == ElementKind.FIELD && member.getSimpleName().equals(component.getSimpleName())) {
                return member;
            }
        }
        return component;
    }

    /** The round's elements annotated with {@code annotation}, sorted so diagnostics come in a stable order. */
    private static List<Element> annotated(ProcessingEnvironment env, RoundEnvironment round, String annotation) {
        TypeElement type = env.getElementUtils().getTypeElement(annotation);
        List<Element> found = new ArrayList<>(type == null ? Set.of() : round.getElementsAnnotatedWith(type));
        found.sort((a, b) -> key(a).compareTo(key(b)));
        return found;
    }

    private static String key(Element element) {
        Element owner = element.getEnclosingElement();
        return owner.getEnclosingElement() + "." + owner + "#" + element;
    }
}
