package io.rillflow.processor.process;

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
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Generates, for each {@code @ProcessManager} class, its dispatch {@code <Type>_ProcessManager} and contributes its
 * definition to the registry. Each class is validated on its own, and one with errors gets no generated code; a class
 * whose handler types are not resolved yet waits for the next round. The {@code @Aggregate} classes of every round are
 * collected first, so the commands a process manager sends can be checked against them.
 */
public final class ProcessManagerFeature implements Feature {
    /** Process manager name to the class that took it first. */
    private final Map<String, String> names = new HashMap<>();
    /** Classes waiting for a later round, with what is unresolved. */
    private final Map<String, String> deferred = new TreeMap<>();

    private final CommandCatalog commands = new CommandCatalog();

    @Override
    public Set<String> annotations() {
        return Set.of(AnnotationNames.PROCESS_MANAGER);
    }

    @Override
    public List<RegistryEntry> processRound(ProcessingEnvironment env, RoundEnvironment round) {
        TypeElement aggregate = env.getElementUtils().getTypeElement(AnnotationNames.AGGREGATE);
        commands.add(round.getRootElements(), aggregate == null ? Set.of() : round.getElementsAnnotatedWith(aggregate));
        TypeElement annotation = env.getElementUtils().getTypeElement(AnnotationNames.PROCESS_MANAGER);
        if (annotation == null) {
            return List.of();
        }
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
        ProcessManagerValidator validator = new ProcessManagerValidator(env.getTypeUtils(), commands);
        ProcessManagerWriter writer =
                new ProcessManagerWriter(GeneratedAnnotation.of(env.getElementUtils(), RillflowProcessor.class));
        List<RegistryEntry> entries = new ArrayList<>();
        for (TypeElement type : types.values()) {
            try {
                ProcessManagerValidator.Result result = validator.validate(type);
                if (result.deferred()) {
                    deferred.put(type.getQualifiedName().toString(), result.unresolved());
                    continue;
                }
                result.report().printTo(env.getMessager());
                ProcessManagerDescriptor manager = result.descriptor();
                if (manager != null && uniqueName(env, manager) && generate(env, writer, manager)) {
                    entries.add(new RegistryEntry(
                            "processManagers",
                            ProcessManagerWriter.DEFINITION,
                            CodeBlock.of("$T.DEFINITION", manager.handlerClass()),
                            manager.type().canonicalName(),
                            type));
                }
            } catch (RuntimeException e) {
                Diagnostics.unexpected(env, type, e);
            }
        }
        return entries;
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

    private static boolean generate(
            ProcessingEnvironment env, ProcessManagerWriter writer, ProcessManagerDescriptor manager) {
        try {
            JavaFile file = writer.write(manager);
            file.writeTo(env.getFiler());
            return true;
        } catch (IOException e) {
            Diagnostics.error(
                    env,
                    manager.element(),
                    Message.GENERATION_FAILED.format(
                            manager.handlerClass().simpleName(), manager.type().canonicalName(), e.getMessage()));
            return false;
        }
    }

    @Override
    public void finish(ProcessingEnvironment env) {
        Diagnostics.reportUnresolved(env, deferred, Message.PROCESS_MANAGER_UNRESOLVED_TYPE);
    }
}
