package io.rillflow.processor.aggregates;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Feature;
import io.rillflow.processor.GeneratedAnnotation;
import io.rillflow.processor.Message;
import io.rillflow.processor.RillflowProcessor;
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.events.EventCatalog;
import io.rillflow.processor.events.EventTypeDescriptor;
import io.rillflow.processor.events.EventTypeReader;
import io.rillflow.processor.events.UpcastDescriptor;
import io.rillflow.processor.events.UpcastReader;
import io.rillflow.processor.registry.RegistryEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Event sourcing: {@code @Event} types and {@code @Upcast} steps become registry entries (the store learns every
 * event name, version and class, and every upcast, at build time); each {@code @Aggregate} gets a generated
 * repository with its dispatch, and its commands a row in the command bus's table.
 *
 * <p>Events and aggregates are checked together because they depend on each other: events an aggregate applies are
 * registered under their default name even without {@code @Event}, and a command type may be handled by only one
 * aggregate of the compilation.
 */
public final class AggregateFeature implements Feature {
    private static final TypeName AGGREGATE_DEFINITION = ParameterizedTypeName.get(
            RuntimeTypes.AGGREGATE_DEFINITION,
            WildcardTypeName.subtypeOf(Object.class),
            WildcardTypeName.subtypeOf(Object.class));

    private final EventCatalog catalog = new EventCatalog();
    /** Aggregates waiting for a later round, with the method whose types are unresolved. */
    private final Map<String, String> deferred = new TreeMap<>();
    /** Command class to the {@code @Handle} method that took it first, over the whole compilation. */
    private final Map<String, ExecutableElement> commands = new HashMap<>();

    @Override
    public Set<String> annotations() {
        return Set.of(AnnotationNames.EVENT, AnnotationNames.UPCAST, AnnotationNames.AGGREGATE);
    }

    @Override
    public List<RegistryEntry> processRound(ProcessingEnvironment env, RoundEnvironment round) {
        List<EventTypeDescriptor> declared = readEvents(env, round);
        List<AggregateDescriptor> aggregates = readAggregates(env, round);
        List<EventTypeDescriptor> implied = addAppliedEvents(env, aggregates);
        aggregates.removeIf(aggregate -> !appliesCurrentVersions(env, aggregate));
        List<UpcastDescriptor> upcasts = readUpcasts(env, round);

        List<RegistryEntry> entries = new ArrayList<>();
        for (UpcastDescriptor upcast : upcasts) {
            ValidationReport.Builder report = ValidationReport.builder();
            catalog.checkTarget(upcast, report);
            printOrAdd(env, report, EventCatalog.entry(upcast), entries);
        }
        for (EventTypeDescriptor event : declared) {
            ValidationReport.Builder report = ValidationReport.builder();
            catalog.checkChain(event, report);
            printOrAdd(env, report, EventCatalog.entry(event), entries);
        }
        implied.forEach(event -> entries.add(EventCatalog.entry(event)));
        for (AggregateDescriptor aggregate : aggregates) {
            if (generate(env, aggregate)) {
                entries.add(new RegistryEntry(
                        "aggregates",
                        AGGREGATE_DEFINITION,
                        CodeBlock.of("$T.DEFINITION", aggregate.repository()),
                        aggregate.type().canonicalName(),
                        aggregate.element()));
            }
        }
        return entries;
    }

    /** The valid {@code @Event} types of the round, added to the catalogue. */
    private List<EventTypeDescriptor> readEvents(ProcessingEnvironment env, RoundEnvironment round) {
        List<EventTypeDescriptor> declared = new ArrayList<>();
        for (TypeElement type : annotated(env, round, AnnotationNames.EVENT, TypeElement.class)) {
            try {
                ValidationReport.Builder report = ValidationReport.builder();
                EventTypeDescriptor event = EventTypeReader.read(type, report);
                if (!report.hasErrors() && catalog.addEvent(event, report)) {
                    declared.add(event);
                }
                report.build().printTo(env.getMessager());
            } catch (RuntimeException e) {
                Diagnostics.unexpected(env, type, e);
            }
        }
        return declared;
    }

    /** The valid {@code @Aggregate} types of the round and of earlier rounds' deferred ones. */
    private List<AggregateDescriptor> readAggregates(ProcessingEnvironment env, RoundEnvironment round) {
        Map<String, TypeElement> types = new TreeMap<>();
        deferred.keySet().forEach(name -> {
            TypeElement type = env.getElementUtils().getTypeElement(name);
            if (type != null) {
                types.put(name, type);
            }
        });
        deferred.clear();
        annotated(env, round, AnnotationNames.AGGREGATE, TypeElement.class)
                .forEach(type -> types.put(type.getQualifiedName().toString(), type));
        List<AggregateDescriptor> aggregates = new ArrayList<>();
        AggregateValidator validator = new AggregateValidator(env.getElementUtils(), env.getTypeUtils());
        for (TypeElement type : types.values()) {
            try {
                AggregateValidator.Result result = validator.validate(type);
                if (result.deferred()) {
                    deferred.put(type.getQualifiedName().toString(), result.unresolved());
                    continue;
                }
                ValidationReport.Builder report = ValidationReport.builder().addAll(result.report());
                if (result.aggregate() != null && claimCommands(result.aggregate(), report)) {
                    aggregates.add(result.aggregate());
                }
                report.build().printTo(env.getMessager());
            } catch (RuntimeException e) {
                Diagnostics.unexpected(env, type, e);
            }
        }
        return aggregates;
    }

    /** Adds the events the aggregates apply to the catalogue; returns those it did not hold yet. */
    private List<EventTypeDescriptor> addAppliedEvents(
            ProcessingEnvironment env, List<AggregateDescriptor> aggregates) {
        List<EventTypeDescriptor> implied = new ArrayList<>();
        for (AggregateDescriptor aggregate : aggregates) {
            for (AggregateDescriptor.Apply apply : aggregate.applies()) {
                ValidationReport.Builder report = ValidationReport.builder();
                if (catalog.addEvent(apply.event(), report)) {
                    implied.add(apply.event());
                }
                report.build().printTo(env.getMessager());
            }
        }
        return implied;
    }

    /** The valid {@code @Upcast} steps of the round, added to the catalogue. */
    private List<UpcastDescriptor> readUpcasts(ProcessingEnvironment env, RoundEnvironment round) {
        List<UpcastDescriptor> upcasts = new ArrayList<>();
        for (ExecutableElement method : annotated(env, round, AnnotationNames.UPCAST, ExecutableElement.class)) {
            try {
                UpcastReader.Result result = UpcastReader.read(method);
                ValidationReport.Builder report = ValidationReport.builder().addAll(result.report());
                if (result.upcast() != null && catalog.addUpcast(result.upcast(), report)) {
                    upcasts.add(result.upcast());
                }
                report.build().printTo(env.getMessager());
            } catch (RuntimeException e) {
                Diagnostics.unexpected(env, method, e);
            }
        }
        return upcasts;
    }

    @Override
    public void finish(ProcessingEnvironment env) {
        Diagnostics.reportUnresolved(env, deferred, Message.AGGREGATE_UNRESOLVED_TYPE);
    }

    /** Whether every {@code @Apply} of the aggregate takes its event's current class; reports those that do not. */
    private boolean appliesCurrentVersions(ProcessingEnvironment env, AggregateDescriptor aggregate) {
        ValidationReport.Builder report = ValidationReport.builder();
        for (AggregateDescriptor.Apply apply : aggregate.applies()) {
            EventTypeDescriptor event = apply.event();
            catalog.current(event.name())
                    .filter(current -> current.version() > event.version())
                    .ifPresent(current -> report.add(
                            Message.APPLY_OLD_VERSION,
                            apply.method(),
                            MethodLabels.of(apply.method()),
                            event.type().simpleName(),
                            event.version(),
                            event.name(),
                            current.version(),
                            current.type().canonicalName(),
                            current.type().simpleName()));
        }
        ValidationReport built = report.build();
        built.printTo(env.getMessager());
        return built.isClean();
    }

    /** Claims the aggregate's commands; reports those another aggregate of the compilation handles already. */
    private boolean claimCommands(AggregateDescriptor aggregate, ValidationReport.Builder report) {
        boolean clean = true;
        for (AggregateDescriptor.Handle handle : aggregate.handles()) {
            ExecutableElement other = commands.putIfAbsent(handle.command().canonicalName(), handle.method());
            if (other != null && !other.equals(handle.method())) {
                report.add(
                        Message.COMMAND_HANDLED_TWICE,
                        handle.method(),
                        handle.command().canonicalName(),
                        MethodLabels.of(other),
                        MethodLabels.of(handle.method()));
                clean = false;
            }
        }
        return clean;
    }

    private static void printOrAdd(
            ProcessingEnvironment env, ValidationReport.Builder report, RegistryEntry entry, List<RegistryEntry> to) {
        ValidationReport built = report.build();
        if (built.isClean()) {
            to.add(entry);
        } else {
            built.printTo(env.getMessager());
        }
    }

    private boolean generate(ProcessingEnvironment env, AggregateDescriptor aggregate) {
        try {
            new AggregateRepositoryWriter(GeneratedAnnotation.of(env.getElementUtils(), RillflowProcessor.class))
                    .write(aggregate)
                    .writeTo(env.getFiler());
            return true;
        } catch (IOException e) {
            Diagnostics.error(
                    env,
                    aggregate.element(),
                    Message.GENERATION_FAILED.format(
                            "the repository", aggregate.type().canonicalName(), e.getMessage()));
        } catch (RuntimeException e) {
            Diagnostics.unexpected(env, aggregate.element(), e);
        }
        return false;
    }

    /** The elements of {@code kind} annotated with {@code annotation} in this round, in a stable order. */
    private static <E extends Element> List<E> annotated(
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
        found.sort(Comparator.comparing(AggregateFeature::sortKey));
        return found;
    }

    private static String sortKey(Element element) {
        Element owner = element instanceof TypeElement ? element : element.getEnclosingElement();
        return ((TypeElement) owner).getQualifiedName() + "#" + element;
    }
}
