package io.rillflow.examples.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.events.Expected;
import io.rillflow.events.StreamInfo;
import io.rillflow.sessions.DocumentSession;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * 8 threads run read-modify-write units on the same 10 accounts and their streams: every unit that saved is in the
 * final state exactly once, every one that did not failed with a {@link ConcurrencyException} and left no trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionConcurrencyTest {
    private static final int ACCOUNTS = 10;
    private static final int THREADS = 8;
    private static final int UNITS_PER_THREAD = 30;
    private static final long OPENING_BALANCE = 100_000;

    private Store store;
    private AccountRepository accounts;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .maxConnections(THREADS + 2)
                .build();
        accounts = new AccountRepository(store);
    }

    @AfterAll
    void close() {
        store.close();
    }

    /** A unit that saved. */
    private record Transfer(UUID from, UUID to, long amount) {}

    @Test
    void noUpdateIsLostAndEveryConflictIsAConcurrencyException() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            accounts.insert(new Account(id, "holder " + i, OPENING_BALANCE));
        }
        Queue<Transfer> committed = new ConcurrentLinkedQueue<>();
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger conflicts = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(pool.submit(() -> {
                start.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int u = 0; u < UNITS_PER_THREAD; u++) {
                    UUID from = ids.get(random.nextInt(ACCOUNTS));
                    UUID to = ids.get(random.nextInt(ACCOUNTS));
                    if (from.equals(to)) {
                        continue;
                    }
                    Transfer transfer = new Transfer(from, to, 1 + random.nextInt(100));
                    try {
                        move(transfer);
                        committed.add(transfer);
                    } catch (ConcurrencyException e) {
                        conflicts.incrementAndGet();
                    } catch (RuntimeException | Error e) {
                        unexpected.add(e);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> worker : workers) {
            worker.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(unexpected).as("every failure is a conflict").isEmpty();
        assertThat(committed).as("units saved").isNotEmpty();
        long total = 0;
        for (UUID id : ids) {
            long out = committed.stream()
                    .filter(t -> t.from().equals(id))
                    .mapToLong(Transfer::amount)
                    .sum();
            long in = committed.stream()
                    .filter(t -> t.to().equals(id))
                    .mapToLong(Transfer::amount)
                    .sum();
            long touched = committed.stream()
                    .filter(t -> t.from().equals(id) || t.to().equals(id))
                    .count();
            var stored = accounts.get(id).orElseThrow();
            assertThat(stored.value().getBalance()).as("balance of %s", id).isEqualTo(OPENING_BALANCE - out + in);
            assertThat(stored.version()).as("one version per unit that saved").isEqualTo(1 + touched);
            assertThat(store.events().readStream(id))
                    .as("one event per unit that saved")
                    .hasSize((int) touched);
            total += stored.value().getBalance();
        }
        assertThat(total).isEqualTo(OPENING_BALANCE * ACCOUNTS);
        assertThat(committed.size() + conflicts.get()).isPositive();
    }

    /** Loads both accounts and their streams' versions, moves the money, appends to both streams, saves. */
    private void move(Transfer transfer) {
        try (DocumentSession session = store.openSession()) {
            Account from = session.load(Account.class, transfer.from()).orElseThrow();
            Account to = session.load(Account.class, transfer.to()).orElseThrow();
            long fromVersion = streamVersion(transfer.from());
            long toVersion = streamVersion(transfer.to());
            from.withdraw(transfer.amount());
            to.deposit(transfer.amount());
            session.store(from);
            session.store(to);
            MoneyMoved moved = new MoneyMoved(transfer.from(), transfer.to(), transfer.amount());
            session.events().append(transfer.from(), Expected.exact(fromVersion), moved);
            session.events().append(transfer.to(), Expected.exact(toVersion), moved);
            session.saveChanges();
        }
    }

    private long streamVersion(UUID stream) {
        return store.events().stream(stream).map(StreamInfo::version).orElse(0L);
    }
}
