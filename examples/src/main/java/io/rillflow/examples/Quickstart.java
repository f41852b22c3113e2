package io.rillflow.examples;

import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.Patch;
import io.rillflow.documents.Versioned;
import io.rillflow.events.AppendResult;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.events.StreamInfo;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The five-minute tour: store and read a document, append and read events with metadata. Run it twice: the second
 * run reopens the same embedded database and finds the first run's data.
 *
 * <p>Uses {@code DATABASE_URL} when set, otherwise an embedded PostgreSQL in the directory given as the first argument
 * (default {@code .rillflow/quickstart}).
 */
public final class Quickstart {
    /** A document: any Jackson-serializable type. */
    public record Customer(String name, String email, String tier, Address address) {}

    /** A nested value inside a document. */
    public record Address(String city, String country) {}

    /** An event, registered under a stable name. */
    public record OrderPlaced(String orderId, BigDecimal total, Instant at) {}

    private Quickstart() {}

    public static void main(String[] args) {
        Path dataDirectory = Path.of(args.length > 0 ? args[0] : ".rillflow/quickstart");
        try (Store store = open(dataDirectory, System.out)) {
            run(store, System.out);
        }
    }

    static Store open(Path dataDirectory, PrintStream out) {
        String url = System.getenv("DATABASE_URL");
        StoreBuilder builder;
        if (url != null && !url.isBlank()) {
            out.println("Using the server in DATABASE_URL");
            builder = Store.builder(url);
        } else {
            out.println("Using an embedded PostgreSQL with its data in " + dataDirectory.toAbsolutePath());
            builder = Store.builder().embedded(dataDirectory);
        }
        return builder.eventType("OrderPlaced", OrderPlaced.class).build();
    }

    static void run(Store store, PrintStream out) {
        // Names give stable ids, so a second run finds what the first one stored.
        UUID customerId = store.events().resolveStreamAlias("quickstart:customer:ada");
        UUID orders = store.events().resolveStreamAlias("quickstart:orders:ada");
        DocumentCollection<Customer, UUID> customers = store.documents(Customer.class, UUID.class);

        Optional<Versioned<Customer>> earlier = customers.get(customerId);
        if (earlier.isPresent()) {
            out.println("Found from an earlier run: " + earlier.get().value() + " at version "
                    + earlier.get().version());
        } else {
            long version = customers.insert(customerId, new Customer("Ada", "ada@example.com", "basic", null));
            out.println("Stored a new customer at version " + version);
        }

        long patched = customers.patch(customerId, Patch.set("tier", "gold").and("address.city", "Berlin"));
        out.println("Patched tier and address.city server side: now version " + patched);
        out.println("Read back: " + customers.load(customerId).orElseThrow());
        out.println("One field: address.city = "
                + customers.getField(customerId, "address.city", String.class).orElseThrow());

        UUID correlation = UUID.randomUUID();
        long before = store.events().stream(orders).map(StreamInfo::version).orElse(0L);
        AppendResult appended = store.events()
                .builder(orders)
                .expected(Expected.exact(before))
                .streamType("orders")
                .headers(Map.of("source", "quickstart"))
                .correlationId(correlation)
                .push(new OrderPlaced("order-" + (before + 1), new BigDecimal("42.50"), Instant.now()))
                .send();
        out.println("Appended order " + (before + 1) + ": stream version " + appended.streamVersion()
                + ", global position " + appended.lastGlobalSeq());

        List<EventEnvelope> history = store.events().readStream(orders);
        out.println("The orders stream holds " + history.size() + " event(s), one per run:");
        for (EventEnvelope e : history) {
            OrderPlaced order = (OrderPlaced) e.event();
            out.println("  #" + e.streamSeq() + " " + e.type() + " " + order.orderId() + " total " + order.total()
                    + " headers " + e.headers() + " correlation " + e.correlationId());
        }
        out.println("Done.");
    }
}
