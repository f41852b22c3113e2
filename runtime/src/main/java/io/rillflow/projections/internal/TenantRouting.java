package io.rillflow.projections.internal;

import io.rillflow.documents.internal.DocumentTables;
import io.rillflow.internal.TenantColumn;
import io.rillflow.projections.ProjectionHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Where the daemon of a conjoined store applies each event: as the tenant that appended it. The log of a conjoined
 * schema is one table for every tenant, read with one checkpoint and one lease per projection (the root store's row in
 * {@code rf_projections}); each event is applied with its tenant's documents, and a process manager sends its commands
 * through its tenant's command bus, all inside the batch transaction, so a batch spanning tenants commits with the
 * checkpoint or not at all. Events of the default tenant ({@code *DEFAULT*}) are applied as the root store.
 *
 * <p>Why not a lease per tenant, as with a schema per tenant: a conjoined tenant has no log of its own, so a
 * checkpoint per tenant would read the shared table once per tenant, and a gap-safe reader of a tenant's events must
 * still wait for every tenant's writers (see {@code LogReader}); one reader of the whole log does that once.
 */
public final class TenantRouting {
    /**
     * How one tenant's events are applied.
     *
     * @param documents the tenant's documents, whose statements name it
     * @param scope a registered handler as it runs for the tenant's store (a process manager on its command bus)
     */
    public record Route(DocumentTables documents, UnaryOperator<ProjectionHandler> scope) {
        public Route {
            Objects.requireNonNull(documents, "documents");
            Objects.requireNonNull(scope, "scope");
        }
    }

    private final Route root;
    private final Function<String, Route> tenants;
    private final Supplier<List<String>> provisioned;

    /**
     * @param root the route of the default tenant: the root store's
     * @param tenants the route of a tenant's store, given its id
     * @param provisioned lists the provisioned tenants (those a rebuild clears besides the root's read model)
     */
    public TenantRouting(Route root, Function<String, Route> tenants, Supplier<List<String>> provisioned) {
        this.root = Objects.requireNonNull(root, "root");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.provisioned = Objects.requireNonNull(provisioned, "provisioned");
    }

    /** The route of the events {@code tenant} appended; the root's for the default tenant. */
    Route route(String tenant) {
        return TenantColumn.DEFAULT.tenant().equals(tenant) ? root : tenants.apply(tenant);
    }

    /** The root's route and every provisioned tenant's: whose read models a rebuild clears. */
    List<Route> all() {
        List<Route> all = new ArrayList<>();
        all.add(root);
        for (String tenant : provisioned.get()) {
            all.add(tenants.apply(tenant));
        }
        return all;
    }
}
