package io.rillflow.processor.events;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Message;
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.registry.RegistryEntry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * The event types and upcast steps of one compilation, gathered over its rounds: refuses a name and version taken
 * twice or a step declared twice, checks that every upcast reaches a declared version and that every event's chain is
 * complete, and writes the registry entries.
 */
public final class EventCatalog {
    private static final ClassName DEFINITION = RuntimeTypes.EVENT_TYPE_DEFINITION;
    private static final ClassName UPCASTER = RuntimeTypes.EVENT_UPCASTER;
    private static final ClassName OBJECT_NODE = RuntimeTypes.OBJECT_NODE;

    /** Name to version to event. */
    private final Map<String, TreeMap<Integer, EventTypeDescriptor>> events = new TreeMap<>();
    /** Qualified class name to its event, so an event met twice (declared and applied) counts once. */
    private final Map<String, EventTypeDescriptor> byClass = new HashMap<>();
    /** "name vN" to the step from N. */
    private final Map<String, UpcastDescriptor> steps = new TreeMap<>();

    /**
     * Adds an event type; reports it if another class has its name and version.
     *
     * @return whether it is new, and so needs a registry entry
     */
    public boolean addEvent(EventTypeDescriptor event, ValidationReport.Builder report) {
        String className = event.element().getQualifiedName().toString();
        if (byClass.containsKey(className)) {
            return false;
        }
        EventTypeDescriptor other =
                events.computeIfAbsent(event.name(), n -> new TreeMap<>()).putIfAbsent(event.version(), event);
        if (other != null) {
            Optional<AnnotationMirror> mirror = AnnotationMirrors.find(event.element(), AnnotationNames.EVENT);
            report.add(
                    Message.EVENT_DUPLICATE,
                    event.element(),
                    mirror.orElse(null),
                    null,
                    className,
                    event.name(),
                    event.version(),
                    other.element().getQualifiedName());
            return false;
        }
        byClass.put(className, event);
        return true;
    }

    /**
     * Adds an upcast step; reports it if the step is declared already.
     *
     * @return whether it is new
     */
    public boolean addUpcast(UpcastDescriptor upcast, ValidationReport.Builder report) {
        UpcastDescriptor other = steps.putIfAbsent(key(upcast.eventName(), upcast.from()), upcast);
        if (other != null && !other.method().equals(upcast.method())) {
            report.add(
                    Message.UPCAST_DUPLICATE,
                    upcast.method(),
                    upcast.label(),
                    upcast.eventName(),
                    upcast.from(),
                    upcast.from() + 1,
                    other.label());
            return false;
        }
        return other == null;
    }

    /** Reports an upcast whose target version no declared event of its name reaches. */
    public void checkTarget(UpcastDescriptor upcast, ValidationReport.Builder report) {
        int to = upcast.from() + 1;
        if (currentVersion(upcast.eventName()) < to) {
            report.add(
                    Message.UPCAST_TARGET_MISSING,
                    upcast.method(),
                    upcast.label(),
                    upcast.eventName(),
                    upcast.from(),
                    to,
                    upcast.eventName(),
                    to,
                    upcast.eventName(),
                    to);
        }
    }

    /** Reports each missing step between version 1 and the version of {@code event}, if it is its name's latest. */
    public void checkChain(EventTypeDescriptor event, ValidationReport.Builder report) {
        if (event.version() != currentVersion(event.name())) {
            return;
        }
        for (int v = 1; v < event.version(); v++) {
            if (!steps.containsKey(key(event.name(), v))) {
                AnnotationMirror mirror = AnnotationMirrors.find(event.element(), AnnotationNames.EVENT)
                        .orElseThrow();
                AnnotationValue version =
                        AnnotationMirrors.explicitValue(mirror, "version").orElse(null);
                report.add(
                        Message.UPCAST_CHAIN_MISSING_STEP,
                        event.element(),
                        mirror,
                        version,
                        event.element().getQualifiedName(),
                        event.name(),
                        event.version(),
                        v,
                        v + 1,
                        v,
                        v,
                        v + 1);
                return;
            }
        }
    }

    /** The registry entry declaring {@code event}. */
    public static RegistryEntry entry(EventTypeDescriptor event) {
        return new RegistryEntry(
                "eventTypes",
                DEFINITION,
                CodeBlock.of("new $T($S, $L, $T.class)", DEFINITION, event.name(), event.version(), event.type()),
                event.name() + " v" + event.version(),
                event.element());
    }

    /** The registry entry declaring {@code upcast}: the step as a lambda calling the method. */
    public static RegistryEntry entry(UpcastDescriptor upcast) {
        UpcastDescriptor.Side parameter = upcast.parameter();
        CodeBlock argument;
        if (!parameter.json()) {
            argument = CodeBlock.of("mapper.treeToValue(data, $T.class)", parameter.type());
        } else if (parameter.type().equals(OBJECT_NODE)) {
            argument = CodeBlock.of("($T) data", OBJECT_NODE);
        } else {
            argument = CodeBlock.of("data");
        }
        CodeBlock call = CodeBlock.of(
                "$T.$N($L)", ClassName.get(upcast.holder()), upcast.method().getSimpleName(), argument);
        CodeBlock step = upcast.result().json() ? call : CodeBlock.of("mapper.valueToTree($L)", call);
        return new RegistryEntry(
                "upcasters",
                UPCASTER,
                CodeBlock.of("new $T($S, $L, (data, mapper) -> $L)", UPCASTER, upcast.eventName(), upcast.from(), step),
                upcast.eventName() + " v" + upcast.from(),
                upcast.holder());
    }

    /** The event of {@code name} with the highest version, if any is known. */
    public Optional<EventTypeDescriptor> current(String name) {
        TreeMap<Integer, EventTypeDescriptor> versions = events.get(name);
        return versions == null
                ? Optional.empty()
                : Optional.of(versions.lastEntry().getValue());
    }

    private int currentVersion(String name) {
        TreeMap<Integer, EventTypeDescriptor> versions = events.get(name);
        return versions == null ? 0 : versions.lastKey();
    }

    private static String key(String name, int from) {
        return name + " v" + from;
    }
}
