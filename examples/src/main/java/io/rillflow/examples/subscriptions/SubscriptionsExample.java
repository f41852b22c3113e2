package io.rillflow.examples.subscriptions;

import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.subscriptions.AckMode;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionHandler;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.subscriptions.SubscriptionStatus;
import io.rillflow.subscriptions.Subscriptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Two workers of one consumer group share a subscription to {@code OrderConfirmed} events. Each records the mail it
 * "sends" in an outbox table and acknowledges the event in the same transaction, so every order gets exactly one
 * outbox row even if a worker dies or a connection drops. Uses {@code DATABASE_URL} when set, otherwise an embedded
 * PostgreSQL in the directory given as the first argument (default {@code .rillflow/subscriptions}).
 */
public final class SubscriptionsExample {
    private SubscriptionsExample() {}

    public static void main(String[] args) throws Exception {
        String url = System.getenv("DATABASE_URL");
        StoreBuilder builder = url != null && !url.isBlank()
                ? Store.builder(url)
                : Store.builder().embedded(Path.of(args.length > 0 ? args[0] : ".rillflow/subscriptions"));
        try (Store store = configure(builder).build()) {
            run(store, 20, System.out);
        }
    }

    /** Registers the example's event type under a stable name. */
    static StoreBuilder configure(StoreBuilder builder) {
        return builder.eventType("OrderConfirmed", OrderConfirmed.class);
    }

    static void run(Store store, int orders, PrintStream out) throws Exception {
        String outbox = "\"" + store.schemaName() + "\".example_outbox";
        execute(store, "create table if not exists " + outbox + " (order_id uuid primary key, email text not null)");
        Subscriptions subs = store.subscriptions();
        subs.create("mailer", SubscriptionFilter.all().withEventTypes("OrderConfirmed"), Subscriptions.FROM_NOW);
        SubscriptionOptions options = SubscriptionOptions.defaults()
                .withGroup("mailers")
                .withAckMode(AckMode.TRANSACTIONAL)
                .withMaxInFlight(50);
        try (SubscriptionHandle first =
                        subs.subscribe("mailer", options.withWorkerId("mailer-1"), mailer(store, outbox));
                SubscriptionHandle second =
                        subs.subscribe("mailer", options.withWorkerId("mailer-2"), mailer(store, outbox))) {
            for (int i = 0; i < orders; i++) {
                UUID order = UUID.randomUUID();
                store.events()
                        .append(order, Expected.noStream(), List.of(new OrderConfirmed(order, "c" + i + "@x.io")));
            }
            awaitCaughtUp(subs, Duration.ofSeconds(30));
            out.println("Mails sent by mailer-1: " + first.metrics().acknowledged() + ", by mailer-2: "
                    + second.metrics().acknowledged());
        }
        SubscriptionStatus status = subs.status("mailer", "mailers");
        out.println("Outbox rows: " + count(store, outbox) + "; group status: last seq " + status.lastSeq() + " of "
                + status.head() + ", lag " + status.lag() + ", in flight " + status.inFlight());
    }

    /** Writes the outbox row and the acknowledgement in one transaction. */
    private static SubscriptionHandler mailer(Store store, String outbox) {
        String insert = "insert into " + outbox + " (order_id, email) values (?, ?)";
        return (EventEnvelope event, SubscriptionHandle handle) -> {
            OrderConfirmed confirmed = (OrderConfirmed) event.event();
            try (Connection c = store.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement p = c.prepareStatement(insert)) {
                    p.setObject(1, confirmed.orderId());
                    p.setString(2, confirmed.email());
                    p.executeUpdate();
                }
                handle.ackInTransaction(c, event.globalSeq());
                c.commit();
            }
        };
    }

    private static void awaitCaughtUp(Subscriptions subs, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (subs.status("mailer", "mailers").lag() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The mailers did not catch up within " + limit);
            }
            Thread.sleep(20);
        }
    }

    private static void execute(Store store, String sql) throws SQLException {
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(Store store, String table) throws SQLException {
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
