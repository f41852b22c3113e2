package io.rillflow.processor.projection;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import io.rillflow.processor.AnnotatedTypeFeature;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Message;
import io.rillflow.processor.Reading;
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.events.AnnotationMirrors;
import io.rillflow.processor.registry.RegistryEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
public final class ProjectionFeature extends AnnotatedTypeFeature<ProjectionDescriptor> {
    /** Projection name to the class that took it first. */
    private final Map<String, String> names = new HashMap<>();

    public ProjectionFeature() {
        super(AnnotationNames.PROJECTION, Message.PROJECTION_UNRESOLVED_TYPE);
    }

    @Override
    public Set<String> annotations() {
        return Set.of(AnnotationNames.PROJECTION, AnnotationNames.ON, AnnotationNames.REBUILD);
    }

    @Override
    protected Reading<ProjectionDescriptor> read(ProcessingEnvironment env, TypeElement type) {
        return new ProjectionValidator(env.getTypeUtils()).validate(type);
    }

    @Override
    protected List<ProjectionDescriptor> checkTogether(ProcessingEnvironment env, List<ProjectionDescriptor> valid) {
        return valid.stream().filter(projection -> uniqueName(env, projection)).toList();
    }

    @Override
    protected TypeElement origin(ProjectionDescriptor projection) {
        return projection.element();
    }

    @Override
    protected List<JavaFile> files(ProjectionDescriptor projection, Optional<AnnotationSpec> generated) {
        return List.of(new ProjectionWriter(generated).write(projection));
    }

    @Override
    protected List<RegistryEntry> entries(ProjectionDescriptor projection) {
        return List.of(new RegistryEntry(
                "projections",
                RuntimeTypes.PROJECTION_DEFINITION,
                CodeBlock.of("$T.DEFINITION", projection.handlerClass()),
                projection.type().canonicalName(),
                projection.element()));
    }

    /** {@code @On} and {@code @Rebuild} methods of classes that are not projections would never be called. */
    @Override
    protected void beginRound(ProcessingEnvironment env, RoundEnvironment round) {
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
}
