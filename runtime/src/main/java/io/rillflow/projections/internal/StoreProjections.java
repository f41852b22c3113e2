package io.rillflow.projections.internal;

import io.rillflow.events.internal.EventTypes;
import io.rillflow.internal.LogContext;
import io.rillflow.projections.DeadLetter;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionDefinition;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.projections.Projections;
import io.rillflow.projections.TickResult;
import io.rillflow.projections.internal.ProjectionRegistrations.Registration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * The projections of one store: registrations, the daemons started here and the administration calls. With
 * schema-per-tenant tenancy each tenant's store has one too, over the tenant's schema: it shares the root store's
 * registrations (a process manager's handler scoped to the tenant's command bus) and daemons, and the root's daemon
 * serves it through a {@link TenantDaemon}.
 */
public final class StoreProjections implements Projections {
    private final ProjectionEngine engine;
    private final ProjectionAdmin admin;
    private final ProjectionOptions options;
    private final ProjectionRegistrations registrations;
    private final List<ProjectionDefinition> declared;
    private final InlineProjections inline;
    private final ProjectionDaemons daemons;
    private final InlineRebuild inlineRebuild;
    private final NonStaleWait nonStale;
    private final RequestedRebuilds requestedRebuilds;
    /** The tenant of a tenant's store, null for the store the builder made. */
    private final String tenant;
    /** The tenants the daemon serves besides this store's schema; null for a tenant's store or single tenancy. */
    private final TenantDaemon tenants;
    /** A registered handler as it runs for this store: a process manager sends its commands to this store's bus. */
    private final UnaryOperator<ProjectionHandler> scope;

    private final Map<String, Registration> scoped = new ConcurrentHashMap<>();
    /** The projections whose row this (tenant's) store has ensured in its schema. */
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    /**
     * Created by the store; use {@code store.projections()}.
     *
     * @param tenants the tenants its daemon serves too, or null
     */
    public StoreProjections(
            ProjectionEngine engine,
            ProjectionAdmin admin,
            EventTypes eventTypes,
            List<ProjectionDefinition> declared,
            InlineProjections inline,
            TenantDaemon tenants) {
        this.engine = engine;
        this.admin = admin;
        this.options = engine.options();
        this.registrations = new ProjectionRegistrations(eventTypes);
        this.declared = List.copyOf(declared);
        this.inline = inline;
        this.daemons = new ProjectionDaemons(new InlineRebuildWatcher(
                this, engine, registrations::inline, tenants == null ? List::of : tenants::served));
        this.inlineRebuild = new InlineRebuild(engine);
        this.nonStale = new NonStaleWait(engine);
        this.requestedRebuilds = new RequestedRebuilds(engine, admin);
        this.tenant = null;
        this.tenants = tenants;
        this.scope = UnaryOperator.identity();
    }

    private StoreProjections(
            StoreProjections root,
            String tenant,
            ProjectionEngine engine,
            ProjectionAdmin admin,
            UnaryOperator<ProjectionHandler> scope) {
        this.engine = engine;
        this.admin = admin;
        this.options = root.options;
        this.registrations = root.registrations;
        this.declared = root.declared;
        this.inline = root.inline;
        this.daemons = root.daemons;
        this.inlineRebuild = new InlineRebuild(engine);
        this.nonStale = new NonStaleWait(engine);
        this.requestedRebuilds = new RequestedRebuilds(engine, admin);
        this.tenant = tenant;
        this.tenants = null;
        this.scope = scope;
    }

    /**
     * The projections of {@code tenant}'s store, running this store's registrations on {@code engine} (the tenant's
     * schema), each handler as {@code scope} adapts it to the tenant's store. Registering is refused on it: the root
     * store's registrations serve every tenant.
     */
    public StoreProjections forTenant(
            String tenant, ProjectionEngine engine, ProjectionAdmin admin, UnaryOperator<ProjectionHandler> scope) {
        return new StoreProjections(this, tenant, engine, admin, scope);
    }

    /** The tenant of a tenant's store's projections, null for the store the builder made. */
    String tenant() {
        return tenant;
    }

    String schema() {
        return engine.schema();
    }

    ProjectionEngine engine() {
        return engine;
    }

    /** This store's projections, and those of the tenants its daemon serves. */
    private List<StoreProjections> targets() {
        return targets(false);
    }

    /** As {@link #targets()}, with the tenants listed again now if {@code fresh}. */
    private List<StoreProjections> targets(boolean fresh) {
        if (tenants == null) {
            return List.of(this);
        }
        List<StoreProjections> all = new ArrayList<>();
        all.add(this);
        all.addAll(tenants.served(fresh));
        return all;
    }

    @Override
    public List<ProjectionDefinition> declared() {
        return declared;
    }

    @Override
    public Projections register(Class<?> type) {
        ProjectionDefinition definition = declared.stream()
                .filter(d -> d.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getName() + " is not a declared @Projection:"
                        + " annotate it and build with the Rillflow annotation processor"));
        if (definition.factory() == null) {
            throw new IllegalArgumentException(type.getName() + " has no no-argument constructor: register new "
                    + definition.handlerType().getSimpleName() + "(instance) instead");
        }
        return register(definition.factory().get());
    }

    @Override
    public ProjectionOptions options() {
        return options;
    }

    @Override
    public Projections register(ProjectionHandler handler) {
        if (tenant != null) {
            throw new UnsupportedOperationException("Register projections on the store the builder made, not on the"
                    + " store of tenant \"" + tenant + "\": its registrations serve every tenant");
        }
        ProjectionRegistrations.Added added = registrations.add(handler);
        String name = handler.name();
        engine.ensure(name);
        if (added.registration().inline() && added.added()) {
            inline.add(handler, added.registration().types());
            daemons.watchInlineRebuilds(); // the daemon performs requested rebuilds, but runs no inline projection
        }
        return this;
    }

    @Override
    public List<String> names() {
        return registrations.names();
    }

    @Override
    public TickResult tickOnce(String name) {
        return tickOnce(name, true);
    }

    /** As {@link #tickOnce(String)}; {@code takeFree}: see {@link ProjectionEngine#tick(ProjectionHandler, List, boolean)}. */
    TickResult tickOnce(String name, boolean takeFree) {
        Registration r = requireAsync(name, "ticked");
        try (LogContext context = logContext(name)) {
            requestedRebuilds.performIfRequested(r.handler());
            return engine.tick(r.handler(), r.types(), takeFree);
        }
    }

    @Override
    public List<String> daemonNames() {
        return registrations.daemonNames();
    }

    @Override
    public void runUntilIdle() {
        long pendingSince = 0;
        while (true) {
            boolean worked = false;
            List<StoreProjections> targets = targets();
            for (StoreProjections target : targets) {
                for (String name : target.daemonNames()) {
                    TickResult result = target.tickOnce(name);
                    worked |= result.applied() > 0
                            || result.more()
                            || result.outcome() == TickResult.Outcome.DEAD_LETTERED;
                }
            }
            if (worked) {
                pendingSince = 0;
                continue;
            }
            if (targets.stream().noneMatch(t -> t.engine.reader().hasPending())) {
                return;
            }
            // Some positions wait for writers still in flight (or any older transaction): give them a moment.
            long now = System.nanoTime();
            if (pendingSince == 0) {
                pendingSince = now;
            } else if (now - pendingSince > options.pollInterval().toNanos()) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void waitForNonStale(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException(
                    "A wait for projections needs a timeout of zero or more, was " + timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (StoreProjections target : targets(true)) {
            List<String> names = target.daemonNames();
            names.forEach(target::ensureRow); // a tenant's projection without a row would count as current
            target.nonStale.await(names, timeout, deadline);
        }
    }

    @Override
    public void runLoop(BooleanSupplier stop) {
        new ProjectionLoop(engine, tenants).run(stop, this::targets);
    }

    @Override
    public ProjectionDaemon start() {
        return daemons.start(
                this::runLoop, tenant == null ? "rillflow-projection-daemon" : "rillflow-projection-daemon-" + tenant);
    }

    /**
     * The readiness of this store's daemon for {@code /health/ready}: whether one should run and does, and each daemon
     * projection's lease as this node sees it (one status read per projection).
     */
    public DaemonReadiness daemonReadiness() {
        return daemons.readiness(registrations.daemonNames(), this::status, options.nodeId());
    }

    /**
     * Stops every daemon {@link #start()} started that is still running, and the watcher that performs requested
     * rebuilds of inline projections, all within {@code timeout}; see {@link ProjectionDaemon#close(Duration)}. The
     * store calls it when it closes.
     */
    public void stopDaemons(Duration timeout) {
        daemons.stop(timeout);
    }

    /**
     * Gives up the leases this node still holds: {@link #tickOnce} and {@link #runUntilIdle()} keep theirs after they
     * return, and the next process on the same database (the application restarted, the next run of a batch job)
     * would otherwise find every projection leased by a node that is gone, and skip it until the lease expires. The
     * store calls it when it closes, after its daemons stopped; a lease it cannot release expires by itself. Of the
     * tenants, those the daemon or {@link #runUntilIdle()} served: a store that never ran them (the CLI, say) touches
     * no tenant.
     */
    public void releaseLeases() {
        List<StoreProjections> targets = new ArrayList<>();
        targets.add(this);
        if (tenants != null) {
            targets.addAll(tenants.known());
        }
        daemons.releaseLeases(targets);
    }

    /** The MDC keys of this node's work on {@code projection} of this store, until closed. */
    LogContext logContext(String projection) {
        return LogContext.projection(tenant, engine.schema(), options.nodeId(), projection);
    }

    @Override
    public ProjectionStatus status(String name) {
        Registration r = require(name);
        ProjectionStatus status = admin.status(name, r.types());
        return r.inline() ? InlineProjections.status(status) : status;
    }

    @Override
    public List<ProjectionStatus> statuses() {
        List<ProjectionStatus> all = new ArrayList<>();
        for (String name : names()) {
            all.add(status(name));
        }
        return all;
    }

    @Override
    public void pause(String name) {
        requireAsync(name, "paused");
        admin.setPaused(name, true);
    }

    @Override
    public void resume(String name) {
        requireAsync(name, "resumed");
        admin.setPaused(name, false);
    }

    @Override
    public void resetCheckpoint(String name, long position) {
        requireAsync(name, "moved to another checkpoint");
        admin.resetCheckpoint(name, position);
    }

    @Override
    public void rebuild(String name) {
        Registration r = require(name);
        if (r.inline()) {
            inlineRebuild.run(r.handler(), r.types());
        } else {
            admin.rebuild(r.handler());
        }
    }

    @Override
    public List<DeadLetter> deadLetters(String name) {
        require(name);
        return admin.deadLetters(name);
    }

    @Override
    public void requeue(String name, long globalSeq) {
        admin.requeue(require(name).handler(), globalSeq);
    }

    @Override
    public boolean deleteDeadLetter(String name, long globalSeq) {
        require(name);
        return admin.deleteDeadLetter(name, globalSeq);
    }

    /** Registration {@code name} as it runs for this store (a tenant's, scoped to it). */
    Registration registration(String name) {
        return require(name);
    }

    private Registration require(String name) {
        Registration r = registrations.require(name);
        if (tenant == null) {
            return r;
        }
        ensureRow(name);
        return scoped.compute(
                name,
                (n, known) -> known != null && known.source() == r
                        ? known
                        : new Registration(scope.apply(r.handler()), r.types(), r));
    }

    /** Creates a tenant's row of projection {@code name} in its schema, once; the root's register does its own. */
    void ensureRow(String name) {
        if (tenant != null && !ensured.contains(name)) {
            engine.ensure(name);
            ensured.add(name);
        }
    }

    private Registration requireAsync(String name, String action) {
        Registration r = require(name);
        if (r.inline()) {
            throw new IllegalStateException("Projection " + name + " is INLINE: every append applies it in its own"
                    + " transaction, so it cannot be " + action + "; only rebuild and status apply to it");
        }
        return r;
    }
}
