package io.rillflow.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeName;
import io.rillflow.processor.registry.RegistryEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * A feature that reads the types carrying one annotation, defers those that use a type not resolved yet, and writes
 * source files for the valid ones: the shape of auto-common's {@code BasicAnnotationProcessor} steps and Dagger's
 * {@code SourceFileGenerator}, written once so that a feature only says how to read, check and write.
 *
 * <p>Each round reads the types deferred earlier and those annotated now, in name order so output never depends on
 * javac's. Every type is read and generated on its own: whatever it throws, an {@link Error} included, is reported on
 * that type and the others go on. A type whose files cannot all be built writes none of them. Types still deferred when
 * processing is over are reported then: their annotation, name and what is unresolved.
 *
 * @param <D> the descriptor a valid type is read into
 */
public abstract class AnnotatedTypeFeature<D> implements Feature {
    private final String annotation;
    /** Types waiting for a later round, with what is unresolved. */
    private final Map<String, String> deferred = new TreeMap<>();

    /** @param annotation the qualified name of the annotation whose types this feature reads */
    protected AnnotatedTypeFeature(String annotation) {
        this.annotation = annotation;
    }

    @Override
    public Set<String> annotations() {
        return Set.of(annotation);
    }

    /** Work that comes before the types of a round are read, such as reporting misplaced annotations. */
    protected void beginRound(ProcessingEnvironment env, RoundEnvironment round) {}

    /** Reads and checks one annotated type; never prints. */
    protected abstract Reading<D> read(ProcessingEnvironment env, TypeElement type);

    /**
     * Checks the valid descriptors of a round against each other and against earlier rounds (unique names, for
     * example), reports what is wrong, and returns those to generate. By default, all of them.
     */
    protected List<D> checkTogether(ProcessingEnvironment env, List<D> valid) {
        return valid;
    }

    /** The type a descriptor was read from: where its errors go, and the origin of its files. */
    protected abstract TypeElement origin(D descriptor);

    /** The source files of a descriptor, each marked with {@code generated} when present. */
    protected abstract List<JavaFile> files(D descriptor, Optional<AnnotationSpec> generated);

    /** The registry entries of a descriptor whose files were written. */
    protected abstract List<RegistryEntry> entries(D descriptor);

    /** One entry: the generated {@code holder.constant}, in the registry's list {@code method}, for {@code origin}. */
    protected static List<RegistryEntry> listed(
            String method, TypeName elementType, ClassName holder, String constant, TypeElement origin) {
        return List.of(new RegistryEntry(
                method,
                elementType,
                CodeBlock.of("$T.$N", holder, constant),
                origin.getQualifiedName().toString(),
                origin));
    }

    /** Registry entries this feature contributes besides its types' own, called once the round's types are read. */
    protected List<RegistryEntry> otherEntries(ProcessingEnvironment env, RoundEnvironment round) {
        return List.of();
    }

    @Override
    public final List<RegistryEntry> processRound(ProcessingEnvironment env, RoundEnvironment round) {
        beginRound(env, round);
        List<D> valid = new ArrayList<>();
        for (TypeElement type : typesToRead(env, round)) {
            guard(env, type, () -> {
                Reading<D> reading = read(env, type);
                if (reading.deferred()) {
                    deferred.put(type.getQualifiedName().toString(), reading.unresolved());
                    return;
                }
                reading.report().printTo(env.getMessager());
                if (reading.descriptor() != null) {
                    valid.add(reading.descriptor());
                }
            });
        }
        List<RegistryEntry> entries = new ArrayList<>();
        Optional<AnnotationSpec> generated = GeneratedAnnotation.of(env.getElementUtils(), RillflowProcessor.class);
        for (D descriptor : checkTogether(env, valid)) {
            guard(env, origin(descriptor), () -> {
                if (write(env, origin(descriptor), files(descriptor, generated))) {
                    entries.addAll(entries(descriptor));
                }
            });
        }
        entries.addAll(otherEntries(env, round));
        return entries;
    }

    @Override
    public void finish(ProcessingEnvironment env) {
        for (Map.Entry<String, String> entry : deferred.entrySet()) {
            // The type may be gone from this last round's view; then the error names it but points nowhere.
            TypeElement type = env.getElementUtils().getTypeElement(entry.getKey());
            String simpleName = annotation.substring(annotation.lastIndexOf('.') + 1);
            ValidationReport.of(Message.UNRESOLVED_TYPE, type, simpleName, entry.getKey(), entry.getValue())
                    .printTo(env.getMessager());
        }
        deferred.clear();
    }

    /** The types deferred earlier that can be found again, and those annotated in this round, by name. */
    private List<TypeElement> typesToRead(ProcessingEnvironment env, RoundEnvironment round) {
        Map<String, TypeElement> types = new TreeMap<>();
        for (String name : deferred.keySet()) {
            TypeElement type = env.getElementUtils().getTypeElement(name);
            if (type != null) {
                types.put(name, type);
            }
        }
        deferred.clear();
        for (TypeElement type : annotated(env, round, annotation, TypeElement.class)) {
            types.put(type.getQualifiedName().toString(), type);
        }
        return List.copyOf(types.values());
    }

    /** Writes every file, or reports on {@code origin} why not; whether all were written. */
    private static boolean write(ProcessingEnvironment env, TypeElement origin, List<JavaFile> files) {
        try {
            for (JavaFile file : files) {
                file.writeTo(env.getFiler());
            }
            return true;
        } catch (IOException e) {
            String names = files.stream()
                    .map(f -> f.packageName().isEmpty()
                            ? f.typeSpec().name()
                            : f.packageName() + "." + f.typeSpec().name())
                    .collect(Collectors.joining(" and "));
            ValidationReport.of(Message.GENERATION_FAILED, origin, names, origin.getQualifiedName(), e.getMessage())
                    .printTo(env.getMessager());
            return false;
        }
    }

    /**
     * Runs {@code work} for {@code element}, reporting on it whatever it throws: one element's failure, even an
     * {@link Error} such as {@link NoClassDefFoundError}, never stops the others or javac.
     */
    protected static void guard(ProcessingEnvironment env, Element element, Runnable work) {
        try {
            work.run();
        } catch (Throwable failure) {
            ValidationReport.unexpected(element, failure).printTo(env.getMessager());
        }
    }

    /** The elements of {@code kind} annotated with {@code annotation} in this round, in a stable order. */
    protected static <E extends Element> List<E> annotated(
            ProcessingEnvironment env, RoundEnvironment round, String annotation, Class<E> kind) {
        TypeElement type = env.getElementUtils().getTypeElement(annotation);
        if (type == null) {
            return List.of();
        }
        List<E> found = new ArrayList<>();
        for (Element element : round.getElementsAnnotatedWith(type)) {
            if (kind.isInstance(element)) {
                found.add(kind.cast(element));
            }
        }
        found.sort(Comparator.comparing(AnnotatedTypeFeature::sortKey));
        return found;
    }

    private static String sortKey(Element element) {
        if (element.getKind() == ElementKind.PARAMETER) {
            return sortKey(element.getEnclosingElement()) + "#" + element;
        }
        Element owner = element instanceof TypeElement ? element : element.getEnclosingElement();
        return ((TypeElement) owner).getQualifiedName() + "#" + element;
    }
}
