package io.rillflow.processor.aggregates;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import io.rillflow.processor.AnnotatedTypeFeature;
import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.ElementText;
import io.rillflow.processor.Message;
import io.rillflow.processor.Reading;
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.events.EventCatalog;
import io.rillflow.processor.events.EventTypeDescriptor;
import io.rillflow.processor.events.EventTypeReader;
import io.rillflow.processor.events.UpcastReader;
import io.rillflow.processor.registry.RegistryEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Event sourcing: {@code @Event} types and {@code @Upcast} steps become registry entries (the store learns every
 * event name, version and class, and every upcast, at build time); each {@code @Aggregate} gets a generated
 * repository with its dispatch, and its commands a row in the command bus's table.
 *
 * <p>Events and aggregates are checked together because they depend on each other: events an aggregate applies are
 * registered under their default name even without {@code @Event}, and a command type may be handled by only one
 * aggregate of the compilation. So a round reads its events first, then its aggregates, then its upcasts, whose
 * targets may be events only an aggregate applies.
 */
public final class AggregateFeature extends AnnotatedTypeFeature<AggregateDescriptor> {
    private static final TypeName AGGREGATE_DEFINITION = ParameterizedTypeName.get(
            RuntimeTypes.AGGREGATE_DEFINITION,
            WildcardTypeName.subtypeOf(Object.class),
            WildcardTypeName.subtypeOf(Object.class));

    private final EventCatalog catalog = new EventCatalog();
    /** Command class to the {@code @Handle} method that took it first, over the whole compilation. */
    private final Map<String, ExecutableElement> commands = new HashMap<>();
    /** Aggregate name (stream type) to the class that took it first, over the whole compilation. */
    private final Map<String, String> names = new HashMap<>();
    /** The round's valid {@code @Event} types, and the events only its aggregates apply. */
    private final List<EventTypeDescriptor> declared = new ArrayList<>();

    private final List<EventTypeDescriptor> implied = new ArrayList<>();

    public AggregateFeature() {
        super(AnnotationNames.AGGREGATE);
    }

    @Override
    public Set<String> annotations() {
        return Set.of(AnnotationNames.EVENT, AnnotationNames.UPCAST, AnnotationNames.AGGREGATE);
    }

    /** Reads the round's {@code @Event} types into the catalogue. */
    @Override
    protected void beginRound(ProcessingEnvironment env, RoundEnvironment round) {
        declared.clear();
        implied.clear();
        for (TypeElement type : annotated(env, round, AnnotationNames.EVENT, TypeElement.class)) {
            guard(env, type, () -> {
                ValidationReport.Builder report = ValidationReport.builder();
                EventTypeDescriptor event = EventTypeReader.read(type, report);
                if (!report.hasErrors() && catalog.addEvent(event, report)) {
                    declared.add(event);
                }
                report.build().printTo(env.getMessager());
            });
        }
    }

    @Override
    protected Reading<AggregateDescriptor> read(ProcessingEnvironment env, TypeElement type) {
        Reading<AggregateDescriptor> reading =
                new AggregateValidator(env.getElementUtils(), env.getTypeUtils()).validate(type);
        if (reading.deferred() || reading.descriptor() == null) {
            return reading;
        }
        ValidationReport.Builder report = ValidationReport.builder().addAll(reading.report());
        claimName(reading.descriptor(), report);
        claimCommands(reading.descriptor(), report);
        return Reading.of(report.build(), reading.descriptor());
    }

    /**
     * Adds the events the aggregates apply to the catalogue, then keeps the aggregates whose every {@code @Apply}
     * takes its event's current class.
     */
    @Override
    protected List<AggregateDescriptor> checkTogether(ProcessingEnvironment env, List<AggregateDescriptor> valid) {
        for (AggregateDescriptor aggregate : valid) {
            for (AggregateDescriptor.Apply apply : aggregate.applies()) {
                ValidationReport.Builder report = ValidationReport.builder();
                if (catalog.addEvent(apply.event(), report)) {
                    implied.add(apply.event());
                }
                report.build().printTo(env.getMessager());
            }
        }
        return valid.stream()
                .filter(aggregate -> appliesCurrentVersions(env, aggregate))
                .toList();
    }

    @Override
    protected TypeElement origin(AggregateDescriptor aggregate) {
        return aggregate.element();
    }

    @Override
    protected List<JavaFile> files(AggregateDescriptor aggregate, Optional<AnnotationSpec> generated) {
        return List.of(new AggregateRepositoryWriter(generated).write(aggregate));
    }

    @Override
    protected List<RegistryEntry> entries(AggregateDescriptor aggregate) {
        return listed("aggregates", AGGREGATE_DEFINITION, aggregate.repository(), "DEFINITION", aggregate.element());
    }

    /** The round's upcasts, checked against the whole catalogue, and its events with complete upcast chains. */
    @Override
    protected List<RegistryEntry> otherEntries(ProcessingEnvironment env, RoundEnvironment round) {
        List<RegistryEntry> entries = new ArrayList<>();
        for (ExecutableElement method : annotated(env, round, AnnotationNames.UPCAST, ExecutableElement.class)) {
            guard(env, method, () -> {
                UpcastReader.Result result = UpcastReader.read(method);
                ValidationReport.Builder report = ValidationReport.builder().addAll(result.report());
                if (result.upcast() != null && catalog.addUpcast(result.upcast(), report)) {
                    catalog.checkTarget(result.upcast(), report);
                    printOrAdd(env, report, EventCatalog.entry(result.upcast()), entries);
                } else {
                    report.build().printTo(env.getMessager());
                }
            });
        }
        for (EventTypeDescriptor event : declared) {
            ValidationReport.Builder report = ValidationReport.builder();
            catalog.checkChain(event, report);
            printOrAdd(env, report, EventCatalog.entry(event), entries);
        }
        implied.forEach(event -> entries.add(EventCatalog.entry(event)));
        return entries;
    }

    /** Whether every {@code @Apply} of the aggregate takes its event's current class; reports those that do not. */
    private boolean appliesCurrentVersions(ProcessingEnvironment env, AggregateDescriptor aggregate) {
        ValidationReport.Builder report = ValidationReport.builder();
        Map<String, AggregateDescriptor.Apply> newest = new HashMap<>();
        for (AggregateDescriptor.Apply apply : aggregate.applies()) {
            newest.merge(
                    apply.event().name(),
                    apply,
                    (a, b) -> a.event().version() >= b.event().version() ? a : b);
        }
        for (AggregateDescriptor.Apply apply : aggregate.applies()) {
            EventTypeDescriptor event = apply.event();
            AggregateDescriptor.Apply newestApply = newest.get(event.name());
            if (newestApply != apply && catalog.current(event.name()).isEmpty()) {
                // Two versions of an event whose current version this compilation cannot see: still one @Apply each.
                report.add(
                        Message.APPLY_DUPLICATE_EVENT,
                        apply.method(),
                        ElementText.method(apply.method()),
                        event.name(),
                        ElementText.method(newestApply.method()));
                continue;
            }
            catalog.current(event.name())
                    .filter(current -> current.version() > event.version())
                    .ifPresent(current -> report.add(
                            Message.APPLY_OLD_VERSION,
                            apply.method(),
                            ElementText.method(apply.method()),
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

    /** Claims the aggregate's name; reports it if another aggregate of the compilation has it already. */
    private void claimName(AggregateDescriptor aggregate, ValidationReport.Builder report) {
        String qualified = aggregate.type().canonicalName();
        String owner = names.putIfAbsent(aggregate.name(), qualified);
        if (owner != null && !owner.equals(qualified)) {
            TypeElement type = aggregate.element();
            AnnotationMirror mirror =
                    AnnotationMirrors.find(type, AnnotationNames.AGGREGATE).orElseThrow();
            report.add(
                    Message.AGGREGATE_DUPLICATE_NAME,
                    type,
                    mirror,
                    AnnotationMirrors.explicitValue(mirror, "value").orElse(null),
                    qualified,
                    aggregate.name(),
                    owner);
        }
    }

    /** Claims the aggregate's commands; reports those another aggregate of the compilation handles already. */
    private void claimCommands(AggregateDescriptor aggregate, ValidationReport.Builder report) {
        for (AggregateDescriptor.Handle handle : aggregate.handles()) {
            ExecutableElement other = commands.putIfAbsent(handle.command().canonicalName(), handle.method());
            if (other != null && !other.equals(handle.method())) {
                report.add(
                        Message.COMMAND_HANDLED_TWICE,
                        handle.method(),
                        handle.command().canonicalName(),
                        ElementText.method(other),
                        ElementText.method(handle.method()));
            }
        }
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
}
