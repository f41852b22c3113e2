package io.rillflow.tenancy;

import io.rillflow.archive.ArchiveReport;
import io.rillflow.schema.SchemaPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The tenants of a store with {@link TenancyStrategy#schemaPerTenant()}: provisioning, listing and dropping their
 * schemas; {@code store.tenants()}. Every method checks the tenant id first (see
 * {@link TenancyStrategy.SchemaPerTenant#schemaFor}) and throws {@link io.rillflow.InvalidIdentifierException} before
 * any SQL for a bad one. Thread-safe.
 */
public interface Tenants {
    /**
     * Provisions {@code tenant}: creates its schema, applies every migration and the declared document tables and
     * indexes, as {@code store.schema().sync()} does for the store's own schema. Idempotent, and safe from many threads
     * and many application nodes at once: they serialize on the schema's advisory lock, so the schema is created once.
     * Once a tenant is provisioned (or found) by this store, later calls return at once without a round trip.
     *
     * @return whether this call changed the tenant: true when it created it (or applied migrations it lacked), false when
     *     it found it current
     */
    boolean ensure(String tenant);

    /** Whether {@code tenant}'s schema exists and holds Rillflow's tables; always asks the database. */
    boolean exists(String tenant);

    /** The provisioned tenants, by id, in order: every schema the pattern names that holds Rillflow's tables. */
    List<String> list();

    /**
     * The status of {@code tenant}'s schema: migrations applied and pending, and drift (see
     * {@link io.rillflow.schema.SchemaManager#status()}); changes nothing. Declared document tables are compared as this
     * store declares them, so a store without the application's registries (the CLI) reports migrations only.
     *
     * @throws io.rillflow.TenantNotFoundException if the tenant is not provisioned
     */
    TenantStatus status(String tenant);

    /**
     * Brings every provisioned tenant ({@link #list()}) up to date after an upgrade: pending migrations and declared
     * document tables and indexes, one tenant after another, each under its own schema lock, as {@link #ensure} does
     * for a new one. A failure stops at that tenant (a {@link io.rillflow.SchemaDriftException} names its schema); the
     * tenants before it are done, and calling {@code sync()} again resumes, since a current tenant has nothing to do.
     *
     * @return what was applied to each tenant, by tenant id, in {@link #list()} order
     */
    default Map<String, SchemaPlan> sync() {
        return sync(progress -> {});
    }

    /**
     * As {@link #sync()}, telling {@code progress} about each tenant as it is done, on the calling thread: which, how
     * many of how many, and what was applied. For a long rolling upgrade's log or progress bar; an exception from
     * {@code progress} stops the sync there, as a failed tenant does.
     */
    Map<String, SchemaPlan> sync(Consumer<TenantSyncProgress> progress);

    /**
     * Drops {@code tenant}'s schema with everything in it, for good: documents, events, snapshots. To guard against a
     * slip, {@code confirmSchema} must be the name of the schema being dropped ({@code "tenant_acme"} for tenant
     * {@code "acme"} with the default pattern). Runs under the schema's advisory lock, so it never interleaves with an
     * {@link #ensure} of the same tenant. Afterwards {@code store.forTenant(tenant)} throws
     * {@link io.rillflow.TenantNotFoundException}, and so does the next call of a tenant store obtained before (whichever
     * node dropped the tenant: the call finds the schema gone, and this store forgets the tenant).
     *
     * @return whether the schema existed
     * @throws IllegalArgumentException if {@code confirmSchema} is not the tenant's schema name; nothing is dropped
     */
    boolean drop(String tenant, String confirmSchema);

    /**
     * Writes {@code tenant}'s data to {@code file} as JSON lines: {@code store.forTenant(tenant).admin().export(file)}
     * (see {@link io.rillflow.admin.StoreAdmin#export(Path)}), without provisioning an unknown tenant; with conjoined
     * tenancy, the tenant's rows of the shared tables only.
     *
     * @throws io.rillflow.TenantNotFoundException if the tenant is not provisioned
     */
    default ArchiveReport export(String tenant, Path file) {
        return export(tenant, file, false);
    }

    /** As {@link #export(String, Path)}, with the aggregate snapshots too if {@code includeSnapshots}. */
    ArchiveReport export(String tenant, Path file, boolean includeSnapshots);

    /**
     * Imports what an export wrote (a tenant's, or the store's own schema's from {@code store.admin().export(..)}) into
     * {@code tenant}, which must be provisioned and empty: all or nothing, in one transaction (see
     * {@link io.rillflow.admin.StoreAdmin#importFrom(Path)}). The way from one schema to a schema per tenant: export the
     * single schema, {@link #ensure} the tenant, import. The file is the same for both multi-tenant strategies, so a
     * tenant moves between a schema-per-tenant store and a conjoined one either way; imported into a conjoined schema,
     * whose global positions other tenants share, the events take new positions from its sequence in the file's order.
     *
     * @throws io.rillflow.TenantNotFoundException if the tenant is not provisioned
     * @throws IllegalStateException if the tenant holds data already; nothing is changed
     * @throws io.rillflow.archive.ArchiveFormatException naming the line, for a malformed or truncated file
     */
    ArchiveReport importFrom(String tenant, Path file);

    /**
     * Gives {@code tenant} of a conjoined store a partition of its own in the events table and in each document table
     * (history tables aside), for a large tenant: the tables are LIST-partitioned by tenant, and every tenant without
     * a partition shares their default partitions (a document table becomes partitioned at the first call, until then
     * it is left as it was). Moves the tenant's existing events and documents there in one transaction that holds the
     * tables' exclusive locks, so writes and reads of every tenant wait for it (for as long as it copies the tenant's
     * rows and reads the default partitions once), and none is lost or seen twice; events keep their global
     * positions. Afterwards the tenant's statements touch its partitions only, and {@link #drop} drops them at once.
     * Idempotent. A document table declared later gets the tenant's partition when a store first opens it, or at the
     * next call.
     *
     * @return whether this call moved the tenant: false when it had its own partition of every table already
     * @throws io.rillflow.TenantNotFoundException if the tenant is not provisioned
     * @throws UnsupportedOperationException for a store that is not conjoined, whose tenants have schemas of their own
     */
    default boolean partition(String tenant) {
        throw new UnsupportedOperationException("partition(\"" + tenant + "\") gives a tenant of a conjoined store"
                + " (TenancyStrategy.conjoined()) its own partition of the shared tables; this store's tenants each"
                + " have a schema of their own already");
    }

    /**
     * The tenants with a partition of their own ({@link #partition}), in order; always asks the database. Empty for a
     * store that is not conjoined.
     */
    default List<String> partitioned() {
        return List.of();
    }
}
