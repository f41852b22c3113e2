package io.rillflow.events;

import io.rillflow.UnknownEventTypeException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The mapping between stored event type names and Java classes. The name, not the class name, is what is stored, so
 * classes can move between packages without breaking old events.
 */
public final class EventTypes {
    /** A registered event class. */
    record Registration(String name, int version, Class<?> type) {}

    private final Map<String, Registration> byName;
    private final Map<Class<?>, Registration> byClass;

    private EventTypes(Map<String, Registration> byName, Map<Class<?>, Registration> byClass) {
        this.byName = Map.copyOf(byName);
        this.byClass = Map.copyOf(byClass);
    }

    /** Starts an empty registry. */
    public static Builder builder() {
        return new Builder();
    }

    /** The class registered for {@code name}, if any. */
    public Optional<Class<?>> classOf(String name) {
        return Optional.ofNullable(byName.get(name)).map(Registration::type);
    }

    /** The name registered for {@code type}, if any. */
    public Optional<String> nameOf(Class<?> type) {
        return Optional.ofNullable(byClass.get(type)).map(Registration::name);
    }

    Registration requireClass(Class<?> type) {
        Registration registration = byClass.get(type);
        if (registration == null) {
            throw new UnknownEventTypeException("Event class " + type.getName() + " has no registered type name:"
                    + " register it with StoreBuilder.eventType(\"" + type.getSimpleName() + "\", "
                    + type.getSimpleName() + ".class), or append it as Event.of(name, body)");
        }
        return registration;
    }

    Optional<Registration> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Collects registrations; a name or class registered twice with different partners is refused. */
    public static final class Builder {
        private final Map<String, Registration> byName = new HashMap<>();
        private final Map<Class<?>, Registration> byClass = new HashMap<>();

        private Builder() {}

        /** Registers {@code type} as events named {@code name} at schema version {@code version}. */
        public Builder register(String name, int version, Class<?> type) {
            if (name == null || name.isBlank() || version < 1 || type == null) {
                throw new IllegalArgumentException("An event registration needs a non-blank name, a version of 1 or"
                        + " more and a class; got name=" + name + ", version=" + version + ", class=" + type);
            }
            Registration registration = new Registration(name, version, type);
            Registration sameName = byName.get(name);
            if (sameName != null && !sameName.equals(registration)) {
                throw new IllegalArgumentException("Event type name \"" + name + "\" is already registered for "
                        + sameName.type().getName() + " v" + sameName.version());
            }
            Registration sameClass = byClass.get(type);
            if (sameClass != null && !sameClass.equals(registration)) {
                throw new IllegalArgumentException(
                        "Event class " + type.getName() + " is already registered as \"" + sameClass.name() + "\"");
            }
            byName.put(name, registration);
            byClass.put(type, registration);
            return this;
        }

        /** The immutable registry. */
        public EventTypes build() {
            return new EventTypes(byName, byClass);
        }
    }
}
