package io.rillflow.subscriptions;

import io.rillflow.internal.Backoff;
import io.rillflow.internal.NodeIds;
import io.rillflow.subscriptions.internal.SubscriptionNames;
import java.time.Duration;

/**
 * How one worker of a subscription runs. Start from {@link #defaults()} and change what you need; every
 * {@code with...} method checks its value and names it when it is wrong.
 *
 * @param group the consumer group the worker joins (default {@code default}); groups progress independently, the
 *     workers of one group share its events
 * @param ackMode when the checkpoint moves (default {@link AckMode#AUTO})
 * @param batchSize events fetched at most per slot and read (default 100)
 * @param slots how many slots a new group spreads its streams over (default 16): the most workers that can share
 *     the group; fixed once the group exists
 * @param maxInFlight the bound on unacknowledged events set when the group is created; null for none (default);
 *     change it later with {@link Subscriptions#setMaxInFlight}
 * @param leaseTtl how long a worker's slot leases last without renewal (default 10 s): a dead worker's slots move
 *     to the others after this long
 * @param pollInterval how often an idle worker looks for events without a notification (default 500 ms)
 * @param backoffBase the wait after a first fetch or handler error, doubled on each further one (default 100 ms)
 * @param backoffCap the longest wait between retries (default 30 s)
 * @param workerId this worker's name in leases (default host, process id and a random suffix); unique per worker
 */
public record SubscriptionOptions(
        String group,
        AckMode ackMode,
        int batchSize,
        int slots,
        Integer maxInFlight,
        Duration leaseTtl,
        Duration pollInterval,
        Duration backoffBase,
        Duration backoffCap,
        String workerId) {
    private static final int MAX_NAME = 200;

    /** Checks every option; see the record's description for the rules. */
    public SubscriptionOptions {
        SubscriptionNames.check("group", group);
        require("ackMode", ackMode != null, ackMode, "set");
        require("batchSize", batchSize >= 1 && batchSize <= 10_000, batchSize, "between 1 and 10000");
        require("slots", slots >= 1 && slots <= 1024, slots, "between 1 and 1024");
        require("maxInFlight", maxInFlight == null || maxInFlight >= 1, maxInFlight, "1 or more, or null");
        require("leaseTtl", positive(leaseTtl) && leaseTtl.toMillis() >= 300, leaseTtl, "at least 300 ms");
        require(
                "pollInterval",
                positive(pollInterval) && pollInterval.toMillis() >= 10,
                pollInterval,
                "at least 10 ms");
        require("backoffBase", positive(backoffBase), backoffBase, "positive");
        require(
                "backoffCap",
                positive(backoffCap) && backoffCap.compareTo(backoffBase) >= 0,
                backoffCap,
                "at least backoffBase");
        require(
                "workerId",
                workerId != null && !workerId.isBlank() && workerId.length() <= MAX_NAME,
                workerId,
                "a non-blank name of at most " + MAX_NAME + " characters");
    }

    /** The defaults listed on the record, with a fresh worker id. */
    public static SubscriptionOptions defaults() {
        return new SubscriptionOptions(
                "default",
                AckMode.AUTO,
                100,
                16,
                null,
                Duration.ofSeconds(10),
                Duration.ofMillis(500),
                Duration.ofMillis(100),
                Duration.ofSeconds(30),
                NodeIds.generate());
    }

    /** These options joining consumer group {@code value}. */
    public SubscriptionOptions withGroup(String value) {
        return new SubscriptionOptions(
                value,
                ackMode,
                batchSize,
                slots,
                maxInFlight,
                leaseTtl,
                pollInterval,
                backoffBase,
                backoffCap,
                workerId);
    }

    /** These options acknowledging in mode {@code value}. */
    public SubscriptionOptions withAckMode(AckMode value) {
        return new SubscriptionOptions(
                group, value, batchSize, slots, maxInFlight, leaseTtl, pollInterval, backoffBase, backoffCap, workerId);
    }

    /** These options fetching at most {@code value} events per read. */
    public SubscriptionOptions withBatchSize(int value) {
        return new SubscriptionOptions(
                group, ackMode, value, slots, maxInFlight, leaseTtl, pollInterval, backoffBase, backoffCap, workerId);
    }

    /** These options creating a new group with {@code value} slots. */
    public SubscriptionOptions withSlots(int value) {
        return new SubscriptionOptions(
                group,
                ackMode,
                batchSize,
                value,
                maxInFlight,
                leaseTtl,
                pollInterval,
                backoffBase,
                backoffCap,
                workerId);
    }

    /** These options creating a new group with at most {@code value} unacknowledged events (null: unbounded). */
    public SubscriptionOptions withMaxInFlight(Integer value) {
        return new SubscriptionOptions(
                group, ackMode, batchSize, slots, value, leaseTtl, pollInterval, backoffBase, backoffCap, workerId);
    }

    /** These options with slot leases lasting {@code value} without renewal. */
    public SubscriptionOptions withLeaseTtl(Duration value) {
        return new SubscriptionOptions(
                group, ackMode, batchSize, slots, maxInFlight, value, pollInterval, backoffBase, backoffCap, workerId);
    }

    /** These options polling every {@code value} when no notification arrives. */
    public SubscriptionOptions withPollInterval(Duration value) {
        return new SubscriptionOptions(
                group, ackMode, batchSize, slots, maxInFlight, leaseTtl, value, backoffBase, backoffCap, workerId);
    }

    /** These options with the first wait after an error and the longest one. */
    public SubscriptionOptions withBackoff(Duration base, Duration cap) {
        return new SubscriptionOptions(
                group, ackMode, batchSize, slots, maxInFlight, leaseTtl, pollInterval, base, cap, workerId);
    }

    /** These options with this worker named {@code value} in leases. */
    public SubscriptionOptions withWorkerId(String value) {
        return new SubscriptionOptions(
                group, ackMode, batchSize, slots, maxInFlight, leaseTtl, pollInterval, backoffBase, backoffCap, value);
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
            throw new IllegalArgumentException("Subscription option " + option + " must be " + rule + ", was " + value);
        }
    }
}
