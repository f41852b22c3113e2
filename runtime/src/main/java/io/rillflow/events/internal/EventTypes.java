package io.rillflow.events.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.SerializationException;
import io.rillflow.UnknownEventTypeException;
import io.rillflow.events.Event;
import io.rillflow.events.EventTypeDefinition;
import io.rillflow.events.EventUpcaster;
import io.rillflow.internal.JsonCodec;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The mapping between stored event type names and Java classes, and the upcasters between an event's versions. The
 * name, not the class name, is what is stored, so classes can move between packages without breaking old events.
 *
 * <p>A name may have classes for several versions; the highest is its <em>current</em> class, which reading returns
 * after upcasting older events step by step. Every event read goes through {@link #decode}, so streams, the log,
 * aggregates and projections all see the same, upcast events.
 */
public final class EventTypes {
    /** A registered event class. */
    record Registration(String name, int version, Class<?> type) {}

    private record Key(String name, int version) {}

    private final Map<String, Registration> current;
    private final Map<Key, Registration> byKey;
    private final Map<Class<?>, Registration> byClass;
    private final Map<Key, EventUpcaster> upcasters;
    private final boolean unknownAsJson;

    private EventTypes(Builder builder) {
        Map<String, Registration> latest = new HashMap<>();
        builder.byKey.values().forEach(r -> latest.merge(r.name(), r, (a, b) -> a.version() >= b.version() ? a : b));
        this.current = Map.copyOf(latest);
        this.byKey = Map.copyOf(builder.byKey);
        this.byClass = Map.copyOf(builder.byClass);
        this.upcasters = Map.copyOf(builder.upcasters);
        this.unknownAsJson = builder.unknownAsJson;
    }

    /** Starts an empty registry. */
    public static Builder builder() {
        return new Builder();
    }

    /** The current (highest-version) class registered for {@code name}, if any. */
    public Optional<Class<?>> classOf(String name) {
        return Optional.ofNullable(current.get(name)).map(Registration::type);
    }

    /** The name registered for {@code type}, if any. */
    public Optional<String> nameOf(Class<?> type) {
        return Optional.ofNullable(byClass.get(type)).map(Registration::name);
    }

    /** The current version of event {@code name}: the version its current class has; empty if none is registered. */
    public Optional<Integer> currentVersion(String name) {
        return Optional.ofNullable(current.get(name)).map(Registration::version);
    }

    Registration requireClass(Class<?> type) {
        Registration registration = byClass.get(type);
        if (registration == null) {
            throw new UnknownEventTypeException("Event class " + type.getName() + " has no registered type name:"
                    + " annotate it with @Event or apply it in an @Aggregate, or register it with"
                    + " StoreBuilder.eventType(\"" + type.getSimpleName() + "\", " + type.getSimpleName() + ".class),"
                    + " or append it as Event.of(name, body)");
        }
        return registration;
    }

    /**
     * Reads a stored event into its current class, upcasting it first if it was stored at an older version. With
     * {@link Builder#unknownAsJson(boolean)}, an event no class can take is returned as an {@link Event} holding the
     * stored JSON tree instead of failing.
     *
     * @throws UnknownEventTypeException naming the type and version when no class can take it
     */
    Object decode(String type, int version, String dataJson, JsonCodec json, Supplier<String> subject) {
        Registration target = current.get(type);
        if (target == null) {
            return unknown(type, version, dataJson, json, subject, "has no registered class");
        }
        if (version == target.version()) {
            return json.read(dataJson, target.type(), subject);
        }
        if (version > target.version()) {
            return unknown(
                    type,
                    version,
                    dataJson,
                    json,
                    subject,
                    "is newer than its current class " + target.type().getName() + " (v" + target.version() + ")");
        }
        Optional<JsonNode> upcast = upcast(type, version, target.version(), dataJson, json, subject);
        if (upcast.isEmpty()) {
            return unknown(type, version, dataJson, json, subject, "has no upcaster from v" + version);
        }
        return json.read(upcast.get(), target.type(), subject);
    }

    /**
     * Reads a stored event as {@code type}: upcast to the version {@code type} is registered for, or read as it is
     * when {@code type} is not a registered event class.
     */
    <T> T decodeAs(Class<T> type, String name, int version, String dataJson, JsonCodec json, Supplier<String> subject) {
        Registration registration = byKey.get(new Key(name, version));
        Registration wanted = byClass.get(type);
        if (wanted == null || !wanted.name().equals(name) || wanted.version() <= version || registration == wanted) {
            return json.read(dataJson, type, subject);
        }
        JsonNode upcast = upcast(name, version, wanted.version(), dataJson, json, subject)
                .orElseThrow(() -> new UnknownEventTypeException("Cannot read " + subject.get() + " as "
                        + type.getName() + ": no upcaster chain from v" + version + " to v" + wanted.version()));
        return json.read(upcast, type, subject);
    }

    private Optional<JsonNode> upcast(
            String name, int from, int to, String dataJson, JsonCodec json, Supplier<String> subject) {
        JsonNode data = null;
        for (int v = from; v < to; v++) {
            EventUpcaster step = upcasters.get(new Key(name, v));
            if (step == null) {
                return Optional.empty();
            }
            if (data == null) {
                data = json.parse(dataJson, subject);
            }
            try {
                data = step.step().apply(data, json.mapper());
            } catch (IOException | RuntimeException e) {
                throw new SerializationException(
                        "Upcasting " + subject.get() + " from v" + v + " to v" + (v + 1) + " failed: " + e, e);
            }
        }
        return Optional.ofNullable(data);
    }

    private Object unknown(
            String type, int version, String dataJson, JsonCodec json, Supplier<String> subject, String problem) {
        if (unknownAsJson) {
            return new Event(type, version, json.parse(dataJson, subject));
        }
        throw new UnknownEventTypeException("Stored event type \"" + type + "\" v" + version + " (" + subject.get()
                + ") " + problem + "; register a class for it, add an @Upcast, or read data() as JSON");
    }

    /** Collects registrations; a name and version or a class registered twice with different partners is refused. */
    public static final class Builder {
        private final Map<Key, Registration> byKey = new HashMap<>();
        private final Map<Class<?>, Registration> byClass = new HashMap<>();
        private final Map<Key, EventUpcaster> upcasters = new HashMap<>();
        private boolean unknownAsJson;

        private Builder() {}

        /** Registers {@code type} as events named {@code name} at schema version {@code version}. */
        public Builder register(String name, int version, Class<?> type) {
            return register(new EventTypeDefinition(name, version, type));
        }

        /** Registers an event class, typically one a generated registry declares. */
        public Builder register(EventTypeDefinition definition) {
            Registration registration = new Registration(definition.name(), definition.version(), definition.type());
            Registration sameKey = byKey.get(new Key(registration.name(), registration.version()));
            if (sameKey != null && !sameKey.equals(registration)) {
                throw new IllegalArgumentException("Event type \"" + registration.name() + "\" v"
                        + registration.version() + " is already registered for "
                        + sameKey.type().getName()
                        + ", so it cannot also be " + registration.type().getName());
            }
            Registration sameClass = byClass.get(registration.type());
            if (sameClass != null && !sameClass.equals(registration)) {
                throw new IllegalArgumentException(
                        "Event class " + registration.type().getName()
                                + " is already registered as \"" + sameClass.name() + "\" v" + sameClass.version()
                                + ", so it cannot also be \"" + registration.name() + "\" v" + registration.version());
            }
            byKey.put(new Key(registration.name(), registration.version()), registration);
            byClass.put(registration.type(), registration);
            return this;
        }

        /** Adds an upcast step; two different steps for the same name and version are refused. */
        public Builder upcaster(EventUpcaster upcaster) {
            Key key = new Key(upcaster.eventName(), upcaster.fromVersion());
            EventUpcaster existing = upcasters.putIfAbsent(key, upcaster);
            if (existing != null && !existing.equals(upcaster)) {
                upcasters.put(key, existing);
                throw new IllegalArgumentException("Event \"" + upcaster.eventName()
                        + "\" already has an upcaster from v" + upcaster.fromVersion());
            }
            return this;
        }

        /**
         * Whether an event no registered class can take is delivered as an {@link Event} with its JSON tree (true)
         * instead of failing with an {@link UnknownEventTypeException} (false, the default).
         */
        public Builder unknownAsJson(boolean unknownAsJson) {
            this.unknownAsJson = unknownAsJson;
            return this;
        }

        /** The immutable registry. */
        public EventTypes build() {
            return new EventTypes(this);
        }
    }
}
