package io.rillflow.processes.internal;

import io.rillflow.aggregates.AggregateDefinition;
import io.rillflow.aggregates.CommandBus;
import io.rillflow.internal.TenantColumn;
import io.rillflow.processes.ProcessManagerDefinition;
import io.rillflow.processes.ProcessManagerHandler;
import io.rillflow.processes.ProcessManagers;
import io.rillflow.processes.UnknownProcessManagerException;
import io.rillflow.projections.DeadLetter;
import io.rillflow.projections.ProjectionDefinition;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.projections.Projections;
import io.rillflow.projections.TickResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

/**
 * The process managers of one store, run as projections and dispatching through the store's command bus. A tenant's
 * store has its own over the tenant's projections and command bus, sharing the root store's registrations.
 */
public final class StoreProcessManagers implements ProcessManagers {
    private final Projections projections;
    private final CommandBus bus;
    private final List<AggregateDefinition<?, ?>> aggregates;
    private final String schema;
    private final List<ProcessManagerDefinition> declared;
    private final Map<String, ProcessManagerHandler> registered;
    /** The tenant of a tenant's store, null for the store the builder made. */
    private final String tenant;

    /** Created by the store; use {@code store.processManagers()}. */
    public StoreProcessManagers(
            Projections projections,
            CommandBus bus,
            List<AggregateDefinition<?, ?>> aggregates,
            String schema,
            List<ProcessManagerDefinition> declared) {
        this.projections = projections;
        this.bus = bus;
        this.aggregates = List.copyOf(aggregates);
        this.schema = schema;
        this.declared = List.copyOf(declared);
        this.registered = new ConcurrentSkipListMap<>();
        this.tenant = null;
        requireUniqueNames(projections.declared(), this.declared);
    }

    private StoreProcessManagers(StoreProcessManagers root, String tenant, Projections projections, CommandBus bus) {
        this.projections = projections;
        this.bus = bus;
        this.aggregates = root.aggregates;
        this.schema = null;
        this.declared = root.declared;
        this.registered = root.registered;
        this.tenant = tenant;
    }

    /**
     * The process managers of {@code tenant}'s store: these registrations, run by the tenant's {@code projections}
     * (made with {@link #scopedTo} the tenant's {@code bus}), sending commands to {@code bus}.
     */
    public StoreProcessManagers forTenant(String tenant, Projections projections, CommandBus bus) {
        return new StoreProcessManagers(this, tenant, projections, bus);
    }

    /**
     * How a tenant's projections run a registered handler: a process manager sends its commands through the tenant's
     * {@code bus} and looks up its idempotency keys in the tenant's {@code schema}; any other handler is unchanged.
     */
    public static UnaryOperator<ProjectionHandler> scopedTo(CommandBus bus, String schema) {
        return scopedTo(bus, schema, TenantColumn.NONE);
    }

    /**
     * As {@link #scopedTo(CommandBus, String)}, for the bus of {@code tenant} in a conjoined schema: how the daemon of
     * a conjoined store runs a process manager for the tenant whose event it applies.
     */
    public static UnaryOperator<ProjectionHandler> scopedTo(CommandBus bus, String schema, TenantColumn tenant) {
        return handler -> handler instanceof ProcessManagerProjection pm
                ? new ProcessManagerProjection(pm.handler(), bus, pm.aggregates(), schema, tenant)
                : handler;
    }

    /**
     * The generated registries of several compilations meet only here: a process manager runs as a projection, so
     * every declared projection and process manager needs a name of its own, or two of them would share one
     * checkpoint.
     */
    static void requireUniqueNames(
            List<ProjectionDefinition> projections, List<ProcessManagerDefinition> processManagers) {
        Map<String, String> owners = new HashMap<>();
        List<String[]> named = new ArrayList<>();
        projections.forEach(
                p -> named.add(new String[] {p.name(), "@Projection " + p.type().getName()}));
        processManagers.forEach(p ->
                named.add(new String[] {p.name(), "@ProcessManager " + p.type().getName()}));
        for (String[] entry : named) {
            String other = owners.putIfAbsent(entry[0], entry[1]);
            if (other != null && !other.equals(entry[1])) {
                throw new IllegalStateException(other + " and " + entry[1] + " are both named \"" + entry[0]
                        + "\": the name keys the checkpoint, lease and dead letters, so they would share them."
                        + " Rename one of them");
            }
        }
    }

    @Override
    public List<ProcessManagerDefinition> declared() {
        return declared;
    }

    @Override
    public CommandBus commandBus() {
        return bus;
    }

    @Override
    public ProcessManagers register(Class<?> type) {
        ProcessManagerDefinition definition = declared.stream()
                .filter(d -> d.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getName() + " is not a declared"
                        + " @ProcessManager: annotate it and build with the Rillflow annotation processor"));
        if (definition.factory() == null) {
            throw new IllegalArgumentException(type.getName() + " has no no-argument constructor: register new "
                    + definition.handlerType().getSimpleName() + "(instance) instead");
        }
        return register(definition.factory().get());
    }

    @Override
    public synchronized ProcessManagers register(ProcessManagerHandler handler) {
        if (tenant != null) {
            throw new UnsupportedOperationException("Register process managers on the store the builder made, not on"
                    + " the store of tenant \"" + tenant + "\": its registrations serve every tenant");
        }
        String name = handler.name();
        for (Class<?> command : handler.commandTypes()) {
            if (!handled(command)) {
                List<String> known = new ArrayList<>();
                aggregates.forEach(a -> a.commandTypes().forEach(t -> known.add(t.getName())));
                throw new IllegalArgumentException("Process manager " + name + " sends " + command.getName()
                        + ", which no aggregate of this store handles; the command bus routes " + known);
            }
        }
        ProcessManagerHandler existing = registered.get(name);
        if (existing == handler) {
            return this;
        }
        if (existing != null) {
            throw new IllegalArgumentException("Process manager " + name + " is already registered with "
                    + existing.getClass().getName() + "; names must be unique");
        }
        projections.register(new ProcessManagerProjection(handler, bus, aggregates, schema));
        registered.put(name, handler);
        return this;
    }

    /** Whether an aggregate handles {@code command}: it is, or extends, a handled type, or all its permitted ones are. */
    private boolean handled(Class<?> command) {
        boolean direct =
                aggregates.stream().anyMatch(a -> a.commandTypes().stream().anyMatch(t -> t.isAssignableFrom(command)));
        if (direct || !command.isSealed()) {
            return direct;
        }
        for (Class<?> permitted : command.getPermittedSubclasses()) {
            if (!handled(permitted)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<String> names() {
        return List.copyOf(registered.keySet());
    }

    @Override
    public TickResult tickOnce(String name) {
        return projections.tickOnce(require(name));
    }

    @Override
    public void runUntilIdle() {
        projections.runUntilIdle();
    }

    @Override
    public ProjectionStatus status(String name) {
        return projections.status(require(name));
    }

    @Override
    public void pause(String name) {
        projections.pause(require(name));
    }

    @Override
    public void resume(String name) {
        projections.resume(require(name));
    }

    @Override
    public List<DeadLetter> deadLetters(String name) {
        return projections.deadLetters(require(name));
    }

    @Override
    public void retry(String name, long globalSeq) {
        projections.requeue(require(name), globalSeq);
    }

    @Override
    public boolean deleteDeadLetter(String name, long globalSeq) {
        return projections.deleteDeadLetter(require(name), globalSeq);
    }

    private String require(String name) {
        if (name == null || !registered.containsKey(name)) {
            String shown =
                    name == null ? "null" : "\"" + (name.length() <= 80 ? name : name.substring(0, 80) + "...") + "\"";
            throw new UnknownProcessManagerException("Unknown process manager " + shown + "; registered: "
                    + (registered.isEmpty() ? "none" : String.join(", ", registered.keySet())));
        }
        return name;
    }
}
