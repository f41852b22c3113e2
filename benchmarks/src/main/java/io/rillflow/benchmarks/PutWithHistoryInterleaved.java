package io.rillflow.benchmarks;

import io.rillflow.Store;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.DocumentDefinition;
import io.rillflow.embedded.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The cost of history measured interleaved in one JVM, for a machine too busy for {@link PutWithHistory}: JMH runs
 * each case in its own fork one after the other, so a load that changes between the forks shows as a difference
 * between the cases. Here rounds of writes with and without history alternate (which goes first alternates too) on
 * one durable embedded server, so both see the same load. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar io.rillflow.benchmarks.PutWithHistoryInterleaved [rounds] [put|bulk]}.
 */
public final class PutWithHistoryInterleaved {
    private static final int DOCUMENTS = 5_000;
    private static final int BATCH = 1_000;
    private static final int PUTS_PER_ROUND = 200;

    private PutWithHistoryInterleaved() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        boolean bulk = args.length > 1 && args[1].equals("bulk");
        Path directory = BenchDatabase.tempDirectory();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory);
                Store store = Store.builder(server.jdbcUrl())
                        .schema("history_cost")
                        .maxConnections(4)
                        .build()) {
            DocumentCollection<Customer, UUID> plain = store.documents(definition("plain_customer"));
            DocumentCollection<Customer, UUID> audited =
                    store.documents(definition("audited_customer").withHistory());
            UUID[] ids = new UUID[DOCUMENTS];
            Map<UUID, Customer> preload = new LinkedHashMap<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                ids[i] = UUID.randomUUID();
                preload.put(ids[i], Model.customer(ids[i], i));
            }
            plain.bulkInsert(preload);
            audited.bulkInsert(preload);

            Random random = new Random(1);
            long[] nanos = new long[2];
            // Two rounds of warm-up, not counted.
            for (int round = -2; round < rounds; round++) {
                for (int turn = 0; turn < 2; turn++) {
                    int which = Math.floorMod(round + turn, 2);
                    long start = System.nanoTime();
                    write(which == 0 ? plain : audited, ids, random, round, bulk);
                    if (round >= 0) {
                        nanos[which] += System.nanoTime() - start;
                    }
                }
            }
            int perRound = bulk ? BATCH : PUTS_PER_ROUND;
            double plainMicros = nanos[0] / 1_000.0 / ((double) rounds * perRound);
            double auditedMicros = nanos[1] / 1_000.0 / ((double) rounds * perRound);
            System.out.printf(
                    Locale.ROOT,
                    "%s: without history %.0f µs per document (%.0f/s), with history %.0f µs (%.0f/s), ratio %.2fx%n",
                    bulk ? "bulkPut of 1,000" : "single put",
                    plainMicros,
                    1e6 / plainMicros,
                    auditedMicros,
                    1e6 / auditedMicros,
                    plainMicros / auditedMicros);
        } finally {
            BenchDatabase.deleteRecursively(directory);
        }
    }

    private static DocumentDefinition<Customer, UUID> definition(String name) {
        return new DocumentDefinition<>(name, Customer.class, UUID.class, CustomerRepository.DEFINITION.indexes());
    }

    private static void write(
            DocumentCollection<Customer, UUID> documents, UUID[] ids, Random random, int round, boolean bulk) {
        if (bulk) {
            int start = random.nextInt(ids.length - BATCH);
            Map<UUID, Customer> batch = new LinkedHashMap<>();
            for (int i = 0; i < BATCH; i++) {
                batch.put(ids[start + i], Model.customer(ids[start + i], round * BATCH + i));
            }
            documents.bulkPut(batch);
        } else {
            for (int i = 0; i < PUTS_PER_ROUND; i++) {
                UUID id = ids[random.nextInt(ids.length)];
                documents.put(id, Model.customer(id, round * PUTS_PER_ROUND + i));
            }
        }
    }
}
