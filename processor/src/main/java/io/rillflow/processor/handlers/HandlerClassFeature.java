package io.rillflow.processor.handlers;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.JavaFile;
import io.rillflow.processor.AnnotatedTypeFeature;
import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Message;
import io.rillflow.processor.Reading;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.registry.RegistryEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * Generates, for each class of one {@link HandlerKind}, its dispatch ({@code <Type>_Projection} or
 * {@code <Type>_ProcessManager}) and contributes its definition to the registry. A process manager's commands are
 * checked against the {@code @Aggregate} classes of every round so far, collected before its classes are read.
 */
public final class HandlerClassFeature extends AnnotatedTypeFeature<HandlerClassDescriptor> {
    private final HandlerKind kind;
    /** Name to the class that took it first. */
    private final Map<String, String> names = new HashMap<>();

    private final CommandCatalog commands = new CommandCatalog();

    public HandlerClassFeature(HandlerKind kind) {
        super(kind.annotation());
        this.kind = kind;
    }

    @Override
    public Set<String> annotations() {
        return kind.rebuilds()
                ? Set.of(kind.annotation(), AnnotationNames.ON, AnnotationNames.REBUILD)
                : Set.of(kind.annotation(), AnnotationNames.ON);
    }

    @Override
    protected void beginRound(ProcessingEnvironment env, RoundEnvironment round) {
        if (kind.dispatches()) {
            commands.add(round.getRootElements(), annotated(env, round, AnnotationNames.AGGREGATE, TypeElement.class));
        }
    }

    @Override
    protected Reading<HandlerClassDescriptor> read(ProcessingEnvironment env, TypeElement type) {
        return new HandlerClassReader(kind, env.getTypeUtils(), commands).read(type);
    }

    /** A name belongs to one class of its kind over the whole compilation. */
    @Override
    protected List<HandlerClassDescriptor> checkTogether(
            ProcessingEnvironment env, List<HandlerClassDescriptor> valid) {
        return valid.stream().filter(handlers -> uniqueName(env, handlers)).toList();
    }

    @Override
    protected TypeElement origin(HandlerClassDescriptor handlers) {
        return handlers.element();
    }

    @Override
    protected List<JavaFile> files(HandlerClassDescriptor handlers, Optional<AnnotationSpec> generated) {
        return List.of(new HandlerClassWriter(generated).write(handlers));
    }

    @Override
    protected List<RegistryEntry> entries(HandlerClassDescriptor handlers) {
        return listed(
                kind.registryMethod(), kind.definition(), handlers.handlerClass(), "DEFINITION", handlers.element());
    }

    private boolean uniqueName(ProcessingEnvironment env, HandlerClassDescriptor handlers) {
        String qualified = handlers.type().canonicalName();
        String owner = names.putIfAbsent(handlers.name(), qualified);
        if (owner == null || owner.equals(qualified)) {
            return true;
        }
        TypeElement type = handlers.element();
        AnnotationMirror mirror =
                AnnotationMirrors.find(type, kind.annotation()).orElseThrow();
        ValidationReport.builder()
                .add(
                        Message.HANDLER_CLASS_DUPLICATE_NAME,
                        type,
                        mirror,
                        AnnotationMirrors.explicitValue(mirror, "name").orElse(null),
                        kind.simpleName(),
                        qualified,
                        handlers.name(),
                        owner,
                        kind.nameKeys(),
                        kind.plural())
                .build()
                .printTo(env.getMessager());
        return false;
    }
}
