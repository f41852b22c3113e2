package io.rillflow.subscriptions;

import static io.rillflow.subscriptions.SubscriptionTesting.append;
import static io.rillflow.subscriptions.SubscriptionTesting.fast;
import static io.rillflow.subscriptions.SubscriptionTesting.pollUntil;
import static io.rillflow.subscriptions.SubscriptionTesting.seqs;
import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Closing a worker, or the store, whose handler hangs: bounded, and the event in hand is delivered again. */
class SubscriptionCloseTest {
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseStuckHandlers() {
        release.countDown();
    }

    /** A handler that hangs on its first event and ignores interrupts, as a stuck network call would. */
    private SubscriptionHandler stuck(CountDownLatch entered) {
        return (event, handle) -> {
            entered.countDown();
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // keeps hanging: close must not depend on the handler cooperating
                }
            }
        };
    }

    @Test
    void closingAWorkerWhoseHandlerHangsReturnsAfterTheTimeoutAndTheEventIsDeliveredAgain() throws Exception {
        try (Store store = TestDatabase.store(getClass())) {
            Subscriptions subs = store.subscriptions();
            subs.create("stuck", SubscriptionFilter.all(), 0);
            long seq = append(store, UUID.randomUUID(), "Ping");
            CountDownLatch entered = new CountDownLatch(1);
            SubscriptionHandle hanging = subs.subscribe("stuck", fast("w1"), stuck(entered));
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

            long start = System.nanoTime();
            boolean stopped = hanging.close(Duration.ofMillis(300));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(stopped).isFalse();
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            try (SubscriptionHandle next = subs.open("stuck", fast("w2"))) {
                assertThat(seqs(pollUntil(next, 1))).containsExactly(seq);
            }
        }
    }

    @Test
    void closingTheStoreIsBoundedByAHangingHandlerAndLosesNoEvent() throws Exception {
        Store store = TestDatabase.store(getClass());
        String schema = store.schemaName();
        store.subscriptions().create("mailer", SubscriptionFilter.all(), 0);
        long seq = append(store, UUID.randomUUID(), "Ping");
        CountDownLatch entered = new CountDownLatch(1);
        store.subscriptions().subscribe("mailer", fast("w1"), stuck(entered));
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        store.close(Duration.ofMillis(300));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(5));
        try (Store reopened =
                        Store.builder(TestDatabase.jdbcUrl()).schema(schema).build();
                SubscriptionHandle next = reopened.subscriptions().open("mailer", fast("w2"))) {
            List<Long> delivered = seqs(pollUntil(next, 1));
            assertThat(delivered).containsExactly(seq);
        }
    }
}
