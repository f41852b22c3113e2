package io.rillflow.processor.handlers;

import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Feature;
import io.rillflow.processor.Message;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.registry.RegistryEntry;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Reports {@code @On} methods of classes that are no event-handler class, and {@code @Rebuild} methods of classes
 * that are no projection: nothing would ever call them. A feature of its own because {@code @On} belongs to every
 * {@link HandlerKind}.
 */
public final class StrayHandlerMethods implements Feature {
    @Override
    public Set<String> annotations() {
        return Set.of(AnnotationNames.ON, AnnotationNames.REBUILD);
    }

    @Override
    public List<RegistryEntry> processRound(ProcessingEnvironment env, RoundEnvironment round) {
        for (String annotationName : List.of(AnnotationNames.ON, AnnotationNames.REBUILD)) {
            TypeElement annotation = env.getElementUtils().getTypeElement(annotationName);
            if (annotation == null) {
                continue;
            }
            for (ExecutableElement method : ElementFilter.methodsIn(round.getElementsAnnotatedWith(annotation))) {
                Element owner = method.getEnclosingElement();
                boolean rebuild = annotationName.equals(AnnotationNames.REBUILD);
                boolean called = false;
                for (HandlerKind kind : HandlerKind.values()) {
                    called |= (!rebuild || kind.rebuilds())
                            && AnnotationMirrors.find(owner, kind.annotation()).isPresent();
                }
                if (!called) {
                    ValidationReport.of(
                                    Message.HANDLER_METHOD_OUTSIDE,
                                    method,
                                    annotation.getSimpleName(),
                                    owner.getSimpleName() + "." + method.getSimpleName(),
                                    owner,
                                    rebuild ? "@Projection" : "@Projection (nor a @ProcessManager)")
                            .printTo(env.getMessager());
                }
            }
        }
        return List.of();
    }

    @Override
    public void finish(ProcessingEnvironment env) {}
}
