package io.rillflow.projections.internal;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.UnknownEventTypeException;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.events.internal.EventTypes;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.UnknownProjectionException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

/**
 * The projections registered with a store, by name, each with the event type names it reads: checked once here, and
 * shared by the store's tenants' projections, which run the same registrations in their own schemas.
 */
final class ProjectionRegistrations {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final int MAX_NAME = 63;

    /** A handler and its event types; {@code source} is the root's registration a tenant's one was scoped from. */
    record Registration(ProjectionHandler handler, List<String> types, Registration source) {
        boolean inline() {
            return handler.mode() == ProjectionMode.INLINE;
        }
    }

    private final EventTypes eventTypes;
    private final Map<String, Registration> registrations = new ConcurrentSkipListMap<>();

    ProjectionRegistrations(EventTypes eventTypes) {
        this.eventTypes = eventTypes;
    }

    /**
     * Registers {@code handler}; its registration, and whether it is new (false when this handler is registered
     * already).
     */
    record Added(Registration registration, boolean added) {}

    Added add(ProjectionHandler handler) {
        String name = handler.name();
        if (name == null || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw new InvalidIdentifierException("Invalid projection name " + quoted(name) + ": use lower-case"
                    + " letters, digits and underscores, starting with a letter, at most " + MAX_NAME + " characters");
        }
        TreeSet<String> types = new TreeSet<>(handler.eventTypes());
        for (Class<?> type : handler.eventClasses()) {
            types.add(eventTypes
                    .nameOf(type)
                    .orElseThrow(() -> new UnknownEventTypeException("Projection " + name
                            + " reads " + type.getName() + ", which has no registered event type name: annotate it"
                            + " with @Event (the processor registers @Event classes and the events an @Aggregate"
                            + " applies), or, for a class outside any compiled module, register it with"
                            + " StoreBuilder.eventType(\"" + type.getSimpleName() + "\", " + type.getSimpleName()
                            + ".class)")));
        }
        Registration registration = new Registration(handler, List.copyOf(types), null);
        Registration existing = registrations.putIfAbsent(name, registration);
        if (existing != null && existing.handler() != handler) {
            throw new IllegalArgumentException("Projection " + name + " is already registered with "
                    + existing.handler().getClass().getName() + "; projection names must be unique");
        }
        return new Added(registration, existing == null);
    }

    /** The registered names, sorted. */
    List<String> names() {
        return List.copyOf(registrations.keySet());
    }

    /** The names of the registrations the daemon runs (all but the inline ones), sorted. */
    List<String> daemonNames() {
        return registrations.values().stream()
                .filter(r -> !r.inline())
                .map(r -> r.handler().name())
                .toList();
    }

    /** The inline registrations, by name. */
    List<Registration> inline() {
        return registrations.values().stream().filter(Registration::inline).toList();
    }

    /** The registration of {@code name}, or an {@link UnknownProjectionException} naming those there are. */
    Registration require(String name) {
        Registration r = name == null ? null : registrations.get(name);
        if (r == null) {
            throw new UnknownProjectionException("Unknown projection " + quoted(name) + "; registered: "
                    + (registrations.isEmpty() ? "none" : String.join(", ", registrations.keySet())));
        }
        return r;
    }

    /** The name for a message: quoted, and cut short if long, so a hostile name cannot flood the logs. */
    private static String quoted(String name) {
        if (name == null) {
            return "null";
        }
        return name.length() <= 80
                ? "\"" + name + "\""
                : "\"" + name.substring(0, 80) + "...\" (" + name.length() + " characters)";
    }
}
