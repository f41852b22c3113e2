package io.rillflow.subscriptions;

import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Shared steps of the subscription tests. */
final class SubscriptionTesting {
    private SubscriptionTesting() {}

    /** Options with short leases and polls, so tests that let a worker die do not wait long. */
    static SubscriptionOptions fast(String worker) {
        return SubscriptionOptions.defaults()
                .withWorkerId(worker)
                .withLeaseTtl(Duration.ofMillis(600))
                .withPollInterval(Duration.ofMillis(50))
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    static long append(Store store, UUID stream, String type) {
        return store.events()
                .append(stream, Expected.any(), List.of(Event.of(type, Map.of("n", 1))))
                .lastGlobalSeq();
    }

    /** Polls until {@code count} events arrived in total or 20 s passed. */
    static List<EventEnvelope> pollUntil(SubscriptionHandle handle, int count) {
        List<EventEnvelope> all = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (all.size() < count && System.nanoTime() < end) {
            all.addAll(handle.poll(count - all.size(), Duration.ofMillis(100)));
        }
        return all;
    }

    /** Polls until two polls in a row return nothing: everything already in the log was delivered. */
    static List<EventEnvelope> drain(SubscriptionHandle handle) {
        List<EventEnvelope> all = new ArrayList<>();
        int empty = 0;
        while (empty < 2) {
            List<EventEnvelope> got = handle.poll(1000, Duration.ofMillis(150));
            all.addAll(got);
            empty = got.isEmpty() ? empty + 1 : 0;
        }
        return all;
    }

    /** Waits up to 20 s for {@code condition}; returns whether it held. */
    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    static List<Long> seqs(List<EventEnvelope> events) {
        return events.stream().map(EventEnvelope::globalSeq).toList();
    }
}
