package io.rillflow.processor.process;

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
import javax.lang.model.element.TypeElement;

/**
 * Generates, for each {@code @ProcessManager} class, its dispatch {@code <Type>_ProcessManager} and contributes its
 * definition to the registry. Each class is validated on its own, and one with errors gets no generated code; a class
 * whose handler types are not resolved yet waits for the next round. The {@code @Aggregate} classes of every round are
 * collected first, so the commands a process manager sends can be checked against them.
 */
public final class ProcessManagerFeature extends AnnotatedTypeFeature<ProcessManagerDescriptor> {
    /** Process manager name to the class that took it first. */
    private final Map<String, String> names = new HashMap<>();

    private final CommandCatalog commands = new CommandCatalog();

    public ProcessManagerFeature() {
        super(AnnotationNames.PROCESS_MANAGER, Message.PROCESS_MANAGER_UNRESOLVED_TYPE);
    }

    /** Collects the round's {@code @Aggregate} classes first, so the commands sent can be checked against them. */
    @Override
    protected void beginRound(ProcessingEnvironment env, RoundEnvironment round) {
        TypeElement aggregate = env.getElementUtils().getTypeElement(AnnotationNames.AGGREGATE);
        commands.add(round.getRootElements(), aggregate == null ? Set.of() : round.getElementsAnnotatedWith(aggregate));
    }

    @Override
    protected Reading<ProcessManagerDescriptor> read(ProcessingEnvironment env, TypeElement type) {
        return new ProcessManagerValidator(env.getTypeUtils(), commands).validate(type);
    }

    @Override
    protected List<ProcessManagerDescriptor> checkTogether(
            ProcessingEnvironment env, List<ProcessManagerDescriptor> valid) {
        return valid.stream().filter(manager -> uniqueName(env, manager)).toList();
    }

    @Override
    protected TypeElement origin(ProcessManagerDescriptor manager) {
        return manager.element();
    }

    @Override
    protected List<JavaFile> files(ProcessManagerDescriptor manager, Optional<AnnotationSpec> generated) {
        return List.of(new ProcessManagerWriter(generated).write(manager));
    }

    @Override
    protected List<RegistryEntry> entries(ProcessManagerDescriptor manager) {
        return List.of(new RegistryEntry(
                "processManagers",
                RuntimeTypes.PROCESS_MANAGER_DEFINITION,
                CodeBlock.of("$T.DEFINITION", manager.handlerClass()),
                manager.type().canonicalName(),
                manager.element()));
    }

    private boolean uniqueName(ProcessingEnvironment env, ProcessManagerDescriptor manager) {
        String qualified = manager.type().canonicalName();
        String owner = names.putIfAbsent(manager.name(), qualified);
        if (owner == null || owner.equals(qualified)) {
            return true;
        }
        TypeElement type = manager.element();
        AnnotationMirror mirror =
                AnnotationMirrors.find(type, AnnotationNames.PROCESS_MANAGER).orElseThrow();
        ValidationReport.builder()
                .add(
                        Message.PROCESS_MANAGER_DUPLICATE_NAME,
                        type,
                        mirror,
                        AnnotationMirrors.explicitValue(mirror, "name").orElse(null),
                        qualified,
                        manager.name(),
                        owner)
                .build()
                .printTo(env.getMessager());
        return false;
    }
}
