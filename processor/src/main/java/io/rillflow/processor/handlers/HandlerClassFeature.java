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
import java.util.List;
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
    private final HandlerNames names;

    private final CommandCatalog commands = new CommandCatalog();

    /** The feature of {@code kind}; {@code names} is shared with the other kind's feature. */
    public HandlerClassFeature(HandlerKind kind, HandlerNames names) {
        super(kind.annotation());
        this.kind = kind;
        this.names = names;
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

    /** A name belongs to one projection or process manager over the whole compilation. */
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
        Optional<HandlerNames.Owner> owner = names.claim(handlers.name(), kind, qualified);
        if (owner.isEmpty()) {
            return true;
        }
        HandlerKind other = owner.get().kind();
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
                        other.simpleName(),
                        owner.get().type(),
                        other == kind ? kind.nameKeys() : HandlerKind.PROJECTION.nameKeys(),
                        other == kind
                                ? "two " + kind.plural()
                                : "a projection and a process manager (a process manager runs as a projection)")
                .build()
                .printTo(env.getMessager());
        return false;
    }
}
