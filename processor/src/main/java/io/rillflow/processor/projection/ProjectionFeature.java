package io.rillflow.processor.projection;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Feature;
import io.rillflow.processor.GeneratedAnnotation;
import io.rillflow.processor.Message;
import io.rillflow.processor.RillflowProcessor;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.events.AnnotationMirrors;
import io.rillflow.processor.registry.RegistryEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Generates, for each {@code @Projection} class, its dispatch {@code <Type>_Projection} and contributes its
 * definition to the registry. Each class is validated on its own, and one with errors gets no generated code; a class
 * whose handler parameters are not resolved yet waits for the next round.
 */
public final class ProjectionFeature implements Feature {
    /** Projection name to the class that took it first. */
    private final Map<String, String> names = new HashMap<>();
    /** Classes waiting for a later round, with the parameter that is unresolved. */
    private final Map<String, String> deferred = new TreeMap<>();

    @Override
    public Set<String> annotations() {
        return Set.of(AnnotationNames.PROJECTION, AnnotationNames.ON, AnnotationNames.REBUILD);
    }

    @Override
    public List<RegistryEntry> processRound(ProcessingEnvironment env, RoundEnvironment round) {
        TypeElement annotation = env.getElementUtils().getTypeElement(AnnotationNames.PROJECTION);
        if (annotation == null) {
            return List.of();
        }
        reportStrayMethods(env, round);
        Map<String, TypeElement> types = new TreeMap<>();
        for (String name : deferred.keySet()) {
            TypeElement type = env.getElementUtils().getTypeElement(name);
            if (type != null) {
                types.put(name, type);
            }
        }
        deferred.clear();
        for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(annotation))) {
            types.put(type.getQualifiedName().toString(), type);
        }
        ProjectionValidator validator = new ProjectionValidator(env.getTypeUtils());
        ProjectionWriter writer =
                new ProjectionWriter(GeneratedAnnotation.of(env.getElementUtils(), RillflowProcessor.class));
        List<RegistryEntry> entries = new ArrayList<>();
        for (TypeElement type : types.values()) {
            try {
                ProjectionValidator.Result result = validator.validate(type);
                if (result.deferred()) {
                    deferred.put(type.getQualifiedName().toString(), result.unresolved());
                    continue;
                }
                result.report().printTo(env.getMessager());
                ProjectionDescriptor projection = result.descriptor();
                if (projection != null && uniqueName(env, projection) && generate(env, writer, projection)) {
                    entries.add(new RegistryEntry(
                            "projections",
                            ProjectionWriter.DEFINITION,
                            CodeBlock.of("$T.DEFINITION", projection.handlerClass()),
                            projection.type().canonicalName(),
                            type));
                }
            } catch (RuntimeException e) {
                Diagnostics.unexpected(env, type, e);
            }
        }
        return entries;
    }

    /** {@code @On} and {@code @Rebuild} methods of classes that are not projections would never be called. */
    private static void reportStrayMethods(ProcessingEnvironment env, RoundEnvironment round) {
        for (String annotationName : List.of(AnnotationNames.ON, AnnotationNames.REBUILD)) {
            TypeElement annotation = env.getElementUtils().getTypeElement(annotationName);
            if (annotation == null) {
                continue;
            }
            for (ExecutableElement method : ElementFilter.methodsIn(round.getElementsAnnotatedWith(annotation))) {
                Element owner = method.getEnclosingElement();
                // @On also marks the methods of a @ProcessManager, which its own feature reads.
                if (AnnotationMirrors.find(owner, AnnotationNames.PROJECTION).isEmpty()
                        && AnnotationMirrors.find(owner, AnnotationNames.PROCESS_MANAGER)
                                .isEmpty()) {
                    String simple = annotation.getSimpleName().toString();
                    ValidationReport.builder()
                            .add(
                                    Message.PROJECTION_METHOD_OUTSIDE,
                                    method,
                                    simple,
                                    owner.getSimpleName() + "." + method.getSimpleName(),
                                    owner,
                                    simple)
                            .build()
                            .printTo(env.getMessager());
                }
            }
        }
    }

    private boolean uniqueName(ProcessingEnvironment env, ProjectionDescriptor projection) {
        String qualified = projection.type().canonicalName();
        String owner = names.putIfAbsent(projection.name(), qualified);
        if (owner == null || owner.equals(qualified)) {
            return true;
        }
        TypeElement type = projection.element();
        AnnotationMirror mirror =
                AnnotationMirrors.find(type, AnnotationNames.PROJECTION).orElseThrow();
        ValidationReport.builder()
                .add(
                        Message.PROJECTION_DUPLICATE_NAME,
                        type,
                        mirror,
                        AnnotationMirrors.explicitValue(mirror, "name").orElse(null),
                        qualified,
                        projection.name(),
                        owner)
                .build()
                .printTo(env.getMessager());
        return false;
    }

    private static boolean generate(
            ProcessingEnvironment env, ProjectionWriter writer, ProjectionDescriptor projection) {
        try {
            JavaFile file = writer.write(projection);
            file.writeTo(env.getFiler());
            return true;
        } catch (IOException e) {
            Diagnostics.error(
                    env,
                    projection.element(),
                    Message.GENERATION_FAILED.format(
                            projection.handlerClass().simpleName(),
                            projection.type().canonicalName(),
                            e.getMessage()));
            return false;
        }
    }

    @Override
    public void finish(ProcessingEnvironment env) {
        Diagnostics.reportUnresolved(env, deferred, Message.PROJECTION_UNRESOLVED_TYPE);
    }
}
