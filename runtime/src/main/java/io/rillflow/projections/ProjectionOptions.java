package io.rillflow.projections;

import io.rillflow.internal.Backoff;
import io.rillflow.internal.NodeIds;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the projection daemon of one store runs. Start from {@link #defaults()} and change what you need; every
 * {@code with...} method checks its value and names it when it is wrong.
 *
 * @param batchSize the most events read and applied per transaction (default 500); after a batch that failed without
 *     committing the daemon halves it, down to one, and doubles it back with each batch that commits
 * @param concurrency projections processed at the same time on this node (default 2)
 * @param leaseTtl how long a node's lease on a projection lasts without renewal (default 30 s); a node that dies
 *     loses its projections to other nodes after this long
 * @param backoffBase the wait after a handler's first failure, doubled on each further one (default 1 s)
 * @param backoffCap the longest wait between retries (default 60 s)
 * @param maxAttempts how often an event is tried before the {@link FailurePolicy} applies (default 3)
 * @param failurePolicy what happens to an event that still fails (default {@link FailurePolicy#DEAD_LETTER})
 * @param pollInterval how often a running daemon looks for work without a notification (default 1 s)
 * @param nodeId this node's name in leases (default host, process id and a random suffix)
 * @param tenants with schema-per-tenant tenancy, the tenants whose projections this node's daemon serves besides the
 *     store's own schema: null (the default) for every provisioned tenant, found again as tenants come and go; else
 *     exactly these, each once it is provisioned (an empty set serves the store's own schema only)
 */
public record ProjectionOptions(
        int batchSize,
        int concurrency,
        Duration leaseTtl,
        Duration backoffBase,
        Duration backoffCap,
        int maxAttempts,
        FailurePolicy failurePolicy,
        Duration pollInterval,
        String nodeId,
        Set<String> tenants) {
    private static final int MAX_NODE_ID = 200;

    /** Checks every option; see the record's description for the rules. */
    public ProjectionOptions {
        require("batchSize", batchSize >= 1 && batchSize <= 100_000, batchSize, "between 1 and 100000");
        require("concurrency", concurrency >= 1 && concurrency <= 256, concurrency, "between 1 and 256");
        require("leaseTtl", positive(leaseTtl) && leaseTtl.toMillis() >= 100, leaseTtl, "at least 100 ms");
        require("backoffBase", positive(backoffBase), backoffBase, "positive");
        require(
                "backoffCap",
                positive(backoffCap) && backoffCap.compareTo(backoffBase) >= 0,
                backoffCap,
                "at least backoffBase");
        require("maxAttempts", maxAttempts >= 1, maxAttempts, "1 or more");
        Objects.requireNonNull(failurePolicy, "failurePolicy");
        require(
                "pollInterval",
                positive(pollInterval) && pollInterval.toMillis() >= 10,
                pollInterval,
                "at least 10 ms");
        require(
                "nodeId",
                nodeId != null && !nodeId.isBlank() && nodeId.length() <= MAX_NODE_ID,
                nodeId,
                "a non-blank name of at most " + MAX_NODE_ID + " characters");
        if (tenants != null) {
            for (String tenant : tenants) {
                require("tenants", tenant != null, tenants, "tenant ids (no null)");
            }
            tenants = Collections.unmodifiableSortedSet(new TreeSet<>(tenants));
        }
    }

    /** The options of a daemon serving every tenant; see the record's description. */
    public ProjectionOptions(
            int batchSize,
            int concurrency,
            Duration leaseTtl,
            Duration backoffBase,
            Duration backoffCap,
            int maxAttempts,
            FailurePolicy failurePolicy,
            Duration pollInterval,
            String nodeId) {
        this(
                batchSize,
                concurrency,
                leaseTtl,
                backoffBase,
                backoffCap,
                maxAttempts,
                failurePolicy,
                pollInterval,
                nodeId,
                null);
    }

    /** The defaults listed on the record, with a fresh node id. */
    public static ProjectionOptions defaults() {
        return new ProjectionOptions(
                500,
                2,
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                3,
                FailurePolicy.DEAD_LETTER,
                Duration.ofSeconds(1),
                NodeIds.generate());
    }

    /** These options with {@code batchSize} events per transaction. */
    public ProjectionOptions withBatchSize(int value) {
        return new ProjectionOptions(
                value,
                concurrency,
                leaseTtl,
                backoffBase,
                backoffCap,
                maxAttempts,
                failurePolicy,
                pollInterval,
                nodeId,
                tenants);
    }

    /** These options with {@code concurrency} projections processed at once on this node. */
    public ProjectionOptions withConcurrency(int value) {
        return new ProjectionOptions(
                batchSize,
                value,
                leaseTtl,
                backoffBase,
                backoffCap,
                maxAttempts,
                failurePolicy,
                pollInterval,
                nodeId,
                tenants);
    }

    /** These options with leases lasting {@code leaseTtl} without renewal. */
    public ProjectionOptions withLeaseTtl(Duration value) {
        return new ProjectionOptions(
                batchSize,
                concurrency,
                value,
                backoffBase,
                backoffCap,
                maxAttempts,
                failurePolicy,
                pollInterval,
                nodeId,
                tenants);
    }

    /** The first wait after a failure and the longest one. */
    public ProjectionOptions withBackoff(Duration base, Duration cap) {
        return new ProjectionOptions(
                batchSize, concurrency, leaseTtl, base, cap, maxAttempts, failurePolicy, pollInterval, nodeId, tenants);
    }

    /** These options with {@code maxAttempts} tries of a failing event before the failure policy applies. */
    public ProjectionOptions withMaxAttempts(int value) {
        return new ProjectionOptions(
                batchSize,
                concurrency,
                leaseTtl,
                backoffBase,
                backoffCap,
                value,
                failurePolicy,
                pollInterval,
                nodeId,
                tenants);
    }

    /** These options with {@code failurePolicy} for events that still fail after the last attempt. */
    public ProjectionOptions withFailurePolicy(FailurePolicy value) {
        return new ProjectionOptions(
                batchSize,
                concurrency,
                leaseTtl,
                backoffBase,
                backoffCap,
                maxAttempts,
                value,
                pollInterval,
                nodeId,
                tenants);
    }

    /** These options with a poll every {@code pollInterval} when no notification arrives. */
    public ProjectionOptions withPollInterval(Duration value) {
        return new ProjectionOptions(
                batchSize,
                concurrency,
                leaseTtl,
                backoffBase,
                backoffCap,
                maxAttempts,
                failurePolicy,
                value,
                nodeId,
                tenants);
    }

    /** These options with this node named {@code nodeId} in leases (unique per running daemon). */
    public ProjectionOptions withNodeId(String value) {
        return new ProjectionOptions(
                batchSize,
                concurrency,
                leaseTtl,
                backoffBase,
                backoffCap,
                maxAttempts,
                failurePolicy,
                pollInterval,
                value,
                tenants);
    }

    /**
     * These options serving exactly {@code tenants} besides the store's own schema, each once provisioned; an empty set
     * serves the store's own schema only. An id that names no provisioned tenant serves nothing until one is.
     */
    public ProjectionOptions withTenants(Collection<String> tenants) {
        Objects.requireNonNull(tenants, "tenants");
        return new ProjectionOptions(
                batchSize,
                concurrency,
                leaseTtl,
                backoffBase,
                backoffCap,
                maxAttempts,
                failurePolicy,
                pollInterval,
                nodeId,
                Set.copyOf(tenants));
    }

    /** These options serving every provisioned tenant (the default). */
    public ProjectionOptions withAllTenants() {
        return new ProjectionOptions(
                batchSize,
                concurrency,
                leaseTtl,
                backoffBase,
                backoffCap,
                maxAttempts,
                failurePolicy,
                pollInterval,
                nodeId,
                null);
    }

    /** Whether the daemon serves {@code tenant}, as {@link #tenants()} says. */
    public boolean serves(String tenant) {
        return tenants == null || tenants.contains(tenant);
    }

    /** The wait before retry number {@code attempts + 1}: doubling from the base, never above the cap. */
    public Duration backoffAfter(int attempts) {
        return Backoff.after(backoffBase, backoffCap, attempts);
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(String option, boolean ok, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("Projection option " + option + " must be " + rule + ", was " + value);
        }
    }
}
