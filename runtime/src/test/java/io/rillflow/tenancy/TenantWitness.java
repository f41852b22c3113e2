package io.rillflow.tenancy;

import io.rillflow.annotations.ProjectionMode;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A projection that records, per event text, the event's tenant and the context's ({@code "acme/acme"}, {@code "-"}
 * for none), and the contexts its rebuild hook ran with: what the tenant tests of both strategies check.
 */
final class TenantWitness implements ProjectionHandler {
    /** The event the witness reads. */
    record Noted(String text) {}

    final String name;
    final ProjectionMode mode;
    final ConcurrentHashMap<String, String> seen = new ConcurrentHashMap<>();
    final List<String> rebuilt = new CopyOnWriteArrayList<>();

    TenantWitness(String name, ProjectionMode mode) {
        this.name = name;
        this.mode = mode;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ProjectionMode mode() {
        return mode;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("Noted");
    }

    @Override
    public void apply(EventEnvelope event, ProjectionContext context) {
        seen.put(event.as(Noted.class).text(), show(event.tenant()) + "/" + show(context.tenant()));
    }

    @Override
    public void rebuild(ProjectionContext context) {
        rebuilt.add(show(context.tenant()));
    }

    static String show(Optional<String> tenant) {
        return tenant.orElse("-");
    }
}
