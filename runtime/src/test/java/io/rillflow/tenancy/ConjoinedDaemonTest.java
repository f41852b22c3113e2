package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import io.rillflow.aggregates.AggregateDefinition;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.internal.LogContext;
import io.rillflow.processes.Dispatch;
import io.rillflow.processes.ProcessManagerHandler;
import io.rillflow.projections.DeadLetter;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.testing.LogCapture;
import io.rillflow.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The daemon of a conjoined store reads the one shared log with one checkpoint and lease per projection, and applies
 * each event as the tenant that appended it: into that tenant's documents, with that tenant's command bus. Every
 * tenant writes to the same stream ids, so an event applied as another tenant (or as the root store) lands in a
 * document that is not its own and the counts below no longer match.
 */
class ConjoinedDaemonTest {
    private static final int TENANTS = 12;
    private static final int WRITERS = 6;
    /** The stream ids every tenant writes to. */
    private static final List<UUID> STREAMS = List.of(uuid("s0"), uuid("s1"), uuid("s2"));
    /** The value of {@link Counted#n} that {@link Tallies} refuses while {@link Tallies#refusing} is set. */
    private static final int POISON = -1;

    private static final ProjectionOptions OPTIONS = ProjectionOptions.defaults()
            .withBatchSize(40)
            .withLeaseTtl(Duration.ofMillis(500))
            .withPollInterval(Duration.ofMillis(50))
            .withBackoff(Duration.ofMillis(10), Duration.ofMillis(20))
            .withMaxAttempts(2);

    record Counted(int n) {}

    /** How often each event (by global_seq) of the document's stream was applied. */
    record Tally(Map<String, Integer> applied) {}

    record Record(long source) {}

    record Recorded(long source) {}

    /** Counts applications per event in a document keyed by the event's stream id. */
    static final class Tallies implements ProjectionHandler {
        volatile boolean refusing = true;
        /** The MDC tenant while each event (by global_seq) was applied last, "(none)" for none. */
        final Map<Long, String> mdcTenants = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "tallies";
        }

        @Override
        public Set<Class<?>> eventClasses() {
            return Set.of(Counted.class);
        }

        @Override
        public void apply(EventEnvelope event, ProjectionContext context) {
            String mdc = MDC.get(LogContext.TENANT);
            mdcTenants.put(event.globalSeq(), mdc == null ? "(none)" : mdc);
            if (refusing && event.as(Counted.class).n() == POISON) {
                throw new IllegalStateException("poison at " + event.globalSeq());
            }
            DocumentCollection<Tally, UUID> tallies = context.documents(Tally.class, UUID.class, "conj_tally");
            Map<String, Integer> applied = new HashMap<>(
                    tallies.load(event.streamId()).map(Tally::applied).orElse(Map.of()));
            applied.merge(Long.toString(event.globalSeq()), 1, Integer::sum);
            tallies.put(event.streamId(), new Tally(applied));
        }

        @Override
        public void rebuild(ProjectionContext context) {
            context.documents(Tally.class, UUID.class, "conj_tally").deleteAll();
        }
    }

    /** Records every event it handles in the aggregate "main" (the same stream id in every tenant). */
    static final class Ledger {
        static final AggregateDefinition<Ledger, String> DEFINITION = new AggregateDefinition<>(
                "conj_ledger",
                Ledger.class,
                String.class,
                1,
                "conj-ledger-1",
                Ledger::new,
                (state, event) -> state,
                (state, id, command, context) -> List.of(new Recorded(((Record) command).source())),
                List.of(Record.class));
    }

    static final class Recorder implements ProcessManagerHandler {
        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public Set<Class<?>> eventClasses() {
            return Set.of(Counted.class);
        }

        @Override
        public Set<Class<?>> commandTypes() {
            return Set.of(Record.class);
        }

        @Override
        public List<? extends Dispatch<?>> on(EventEnvelope event) {
            return List.of(Dispatch.to("main", new Record(event.globalSeq())));
        }
    }

    private static StoreBuilder node(String schema, String nodeId) {
        return Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                .maxConnections(8)
                .eventType("Counted", Counted.class)
                .eventType("Recorded", Recorded.class)
                .aggregate(Ledger.DEFINITION)
                .tenancy(TenancyStrategy.conjoined())
                .projectionOptions(OPTIONS.withNodeId(nodeId));
    }

    @Test
    void twoNodesApplyEveryTenantsEventsOnceIntoItsOwnDocumentsAndDeadLetterOnlyThePoison() throws Exception {
        String schema = TestDatabase.freshSchema(getClass());
        Tallies onA = new Tallies();
        Tallies onB = new Tallies();
        try (Store nodeA = node(schema, "node-a").build();
                Store nodeB = node(schema, "node-b").build()) {
            nodeA.projections().register(onA);
            nodeB.projections().register(onB);
            List<String> tenants = new ArrayList<>();
            for (int i = 0; i < TENANTS; i++) {
                tenants.add("t" + i);
                nodeA.tenants().ensure("t" + i);
            }
            ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
            AtomicBoolean writing = new AtomicBoolean(true);
            long poison;
            try (ProjectionDaemon a = nodeA.projections().start();
                    ProjectionDaemon b = nodeB.projections().start()) {
                List<Future<Integer>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    Store via = w % 2 == 0 ? nodeA : nodeB;
                    writers.add(threads.submit(() -> write(via, tenants, writing)));
                }
                Thread.sleep(1000);
                poison = nodeB.forTenant("t5")
                        .events()
                        .append(STREAMS.get(1), Expected.any(), List.of(new Counted(POISON)))
                        .lastGlobalSeq();
                // Two tenants move into partitions of their own while both daemons read and every writer appends.
                assertThat(nodeA.tenants().partition("t3")).isTrue();
                assertThat(nodeB.tenants().partition("t8")).isTrue();
                Thread.sleep(1500);
                writing.set(false);
                int written = 0;
                for (Future<Integer> writer : writers) {
                    written += writer.get();
                }
                assertThat(written).isGreaterThan(TENANTS);
                nodeA.projections().waitForNonStale(Duration.ofSeconds(60));
                assertThat(a.isRunning()).isTrue();
                assertThat(b.isRunning()).isTrue();
            } finally {
                threads.shutdownNow();
            }

            for (String tenant : tenants) {
                Store view = nodeA.forTenant(tenant);
                assertThat(tallies(view))
                        .as("applications per event in tenant %s", tenant)
                        .isEqualTo(expected(view, poison));
            }
            assertThat(tallies(nodeA)).as("the default tenant's documents").isEmpty();
            assertThat(nodeB.tenants().partitioned()).containsExactly("t3", "t8");
            assertThat(nodeA.projections().deadLetters("tallies"))
                    .extracting(DeadLetter::globalSeq)
                    .containsExactly(poison);
            ProjectionStatus status = nodeB.projections().status("tallies");
            assertThat(status.checkpoint()).isEqualTo(status.head());
            assertThat(status.lagEvents()).isZero();
        }
    }

    @Test
    void rebuildRequeueAndProcessManagersWorkAsEachEventsTenant() throws Exception {
        String schema = TestDatabase.freshSchema(getClass());
        try (Store store = node(schema, "node-a").build();
                LogCapture log = LogCapture.attach()) {
            Tallies tallies = new Tallies();
            store.projections().register(tallies);
            store.processManagers().register(new Recorder());
            store.tenants().ensure("acme");
            store.tenants().ensure("globex");
            Store acme = store.forTenant("acme");
            Store globex = store.forTenant("globex");
            acme.events().append(STREAMS.get(0), Expected.any(), List.of(new Counted(1), new Counted(2)));
            globex.events().append(STREAMS.get(0), Expected.any(), List.of(new Counted(1)));
            long poison = globex.events()
                    .append(STREAMS.get(0), Expected.any(), List.of(new Counted(POISON)))
                    .lastGlobalSeq();
            store.events().append(STREAMS.get(0), Expected.any(), List.of(new Counted(3)));

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (store.projections().deadLetters("tallies").isEmpty() && System.nanoTime() < deadline) {
                store.projections().runUntilIdle(); // the poison backs off between its two attempts
                Thread.sleep(10);
            }
            store.projections().runUntilIdle();

            assertThat(log.containing("failed on event " + poison))
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(line.mdc()).containsEntry(LogContext.TENANT, "globex"));
            Map<Long, String> mdcTenants = new TreeMap<>(tallies.mdcTenants);
            assertThat(mdcTenants.values()).containsExactly("acme", "acme", "globex", "globex", "(none)");
            assertThat(tallies(acme)).isEqualTo(expected(acme, -1));
            assertThat(tallies(globex)).isEqualTo(expected(globex, poison));
            assertThat(tallies(store)).isEqualTo(expected(store, -1));
            UUID ledger = Ledger.DEFINITION.streamId("main");
            assertThat(recorded(acme, ledger)).containsExactlyElementsOf(seqs(acme, STREAMS.get(0)));
            assertThat(recorded(globex, ledger)).containsExactlyElementsOf(seqs(globex, STREAMS.get(0)));
            assertThat(recorded(store, ledger)).containsExactlyElementsOf(seqs(store, STREAMS.get(0)));

            tallies.refusing = false;
            store.projections().requeue("tallies", poison);
            assertThat(tallies(globex)).isEqualTo(expected(globex, -1));

            store.projections().rebuild("tallies");
            assertThat(tallies(acme)).isEmpty();
            store.projections().runUntilIdle();
            assertThat(tallies(acme)).isEqualTo(expected(acme, -1));
            assertThat(tallies(globex)).isEqualTo(expected(globex, -1));
            assertThat(tallies(store)).isEqualTo(expected(store, -1));
        }
    }

    @Test
    void aTenantsStoreRefersProjectionsToTheRootAndATenantChoiceIsRefused() {
        String schema = TestDatabase.freshSchema(getClass());
        try (Store store = node(schema, "node-a").build()) {
            store.tenants().ensure("acme");
            assertThatThrownBy(() -> store.forTenant("acme").projections())
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("on the store the builder made, not on the store of tenant \"acme\"");
            assertThatThrownBy(() -> store.forTenant("acme").processManagers())
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("processManagers()");
        }
        assertThatThrownBy(() -> node(schema, "node-a")
                        .projectionOptions(OPTIONS.withTenants(Set.of("acme")))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ProjectionOptions.tenants");
    }

    private static int write(Store via, List<String> tenants, AtomicBoolean writing) {
        int written = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (writing.get()) {
            Store tenant = via.forTenant(tenants.get(random.nextInt(tenants.size())));
            UUID stream = STREAMS.get(random.nextInt(STREAMS.size()));
            tenant.events().append(stream, Expected.any(), List.of(new Counted(written), new Counted(written)));
            written++;
        }
        return written;
    }

    /** The tally documents of the store's tenant, by stream. */
    private static Map<UUID, Map<String, Integer>> tallies(Store store) {
        Map<UUID, Map<String, Integer>> found = new TreeMap<>();
        var documents = store.documents(Tally.class, UUID.class, "conj_tally");
        for (UUID stream : STREAMS) {
            documents.load(stream).ifPresent(t -> found.put(stream, new TreeMap<>(t.applied())));
        }
        return found;
    }

    /** One application of every Counted event of the store's tenant, but the one at {@code skipped}. */
    private static Map<UUID, Map<String, Integer>> expected(Store store, long skipped) {
        Map<UUID, Map<String, Integer>> expected = new TreeMap<>();
        for (UUID stream : STREAMS) {
            for (EventEnvelope event : store.events().readStream(stream)) {
                if (event.type().equals("Counted") && event.globalSeq() != skipped) {
                    expected.computeIfAbsent(stream, s -> new TreeMap<>()).put(Long.toString(event.globalSeq()), 1);
                }
            }
        }
        return expected;
    }

    private static List<Long> seqs(Store store, UUID stream) {
        return store.events().readStream(stream).stream()
                .map(EventEnvelope::globalSeq)
                .toList();
    }

    private static List<Long> recorded(Store store, UUID ledger) {
        return store.events().readStream(ledger).stream()
                .map(e -> e.as(Recorded.class).source())
                .toList();
    }

    private static UUID uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
