package io.rillflow.examples.projections;

import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionStatus;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Runs the projection daemon in the background while events are appended, then prints the read model and the
 * projection's status. Uses {@code DATABASE_URL} when set, otherwise an embedded PostgreSQL in the directory given as
 * the first argument (default {@code .rillflow/projections}).
 */
public final class ProjectionsExample {
    private ProjectionsExample() {}

    public static void main(String[] args) throws InterruptedException {
        String url = System.getenv("DATABASE_URL");
        StoreBuilder builder = url != null && !url.isBlank()
                ? Store.builder(url)
                : Store.builder().embedded(Path.of(args.length > 0 ? args[0] : ".rillflow/projections"));
        try (Store store = configure(builder).build()) {
            run(store, System.out);
        }
    }

    /** Registers the example's event types under stable names. */
    static StoreBuilder configure(StoreBuilder builder) {
        return builder.eventType("CustomerRegistered", CustomerRegistered.class)
                .eventType("OrderPlaced", OrderPlaced.class);
    }

    static void run(Store store, PrintStream out) throws InterruptedException {
        store.projections().register(CustomerSummaries.class);
        UUID ada = UUID.randomUUID();
        try (ProjectionDaemon daemon = store.projections().start()) {
            store.events().append(ada, Expected.noStream(), List.of(new CustomerRegistered(ada, "Ada")));
            store.events().append(ada, Expected.exact(1), List.of(new OrderPlaced(ada, new BigDecimal("12.50"))));
            store.events().append(ada, Expected.exact(2), List.of(new OrderPlaced(ada, new BigDecimal("7.50"))));
            awaitCaughtUp(store, Duration.ofSeconds(30));
        }
        out.println("Read model: "
                + store.documents(CustomerSummary.class, UUID.class).load(ada).orElseThrow());
        ProjectionStatus status = store.projections().status("customer_summaries");
        out.println("Status: checkpoint " + status.checkpoint() + " of " + status.head() + ", lag " + status.lagEvents()
                + " events, dead letters " + status.deadLetters());
    }

    private static void awaitCaughtUp(Store store, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (store.projections().status("customer_summaries").lagEvents() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The projection did not catch up within " + limit);
            }
            Thread.sleep(20);
        }
    }
}
