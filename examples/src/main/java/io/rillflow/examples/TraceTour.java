package io.rillflow.examples;

import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.examples.orders.OrderCommand;
import io.rillflow.examples.orders.OrderRepository;
import io.rillflow.examples.tracing.OrderLineCount;
import io.rillflow.examples.tracing.OrderLines;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Developer trace breadcrumbs: a store built with {@code tracing(true)} records what each command, append and
 * projection did under the command's correlation id; the tour runs an order through a few commands (one rejected),
 * lets the projection catch up and prints the trace as a Mermaid sequence diagram, ready to paste into a Markdown
 * file or <a href="https://mermaid.live">mermaid.live</a>.
 *
 * <p>Uses {@code DATABASE_URL} when set, otherwise an embedded PostgreSQL in the directory given as the first argument
 * (default {@code .rillflow/tracing}).
 */
public final class TraceTour {
    private TraceTour() {}

    public static void main(String[] args) {
        String url = System.getenv("DATABASE_URL");
        StoreBuilder builder = url != null && !url.isBlank()
                ? Store.builder(url)
                : Store.builder().embedded(Path.of(args.length > 0 ? args[0] : ".rillflow/tracing"));
        try (Store store = builder.tracing(true).build()) {
            run(store, System.out);
        }
    }

    static void run(Store store, PrintStream out) {
        store.projections().register(OrderLines.class);
        OrderRepository orders = new OrderRepository(store);
        UUID order = UUID.randomUUID();
        // The correlation id is the trace id: every breadcrumb of this conversation lands in one trace.
        UUID correlation = UUID.randomUUID();
        CommandContext context = CommandContext.empty().withActor("tour").withCorrelationId(correlation);

        orders.execute(order, new OrderCommand.Create("ada"), context);
        orders.execute(order, new OrderCommand.AddItem("tea", 2, new BigDecimal("4.50")), context);
        orders.execute(order, new OrderCommand.Submit(), context);
        try {
            orders.execute(order, new OrderCommand.AddItem("cup", 1, BigDecimal.ONE), context);
        } catch (IllegalStateException rejected) {
            out.println("rejected: " + rejected.getMessage());
        }
        store.projections().runUntilIdle();

        OrderLineCount lines = store.documents(OrderLineCount.class, UUID.class)
                .load(orders.streamId(order))
                .orElseThrow();
        out.println("order " + order + " has " + lines.lines() + " line(s)");
        out.println("Trace " + correlation + ":");
        out.println("```mermaid");
        out.print(store.tracing().mermaid(correlation));
        out.println("```");
    }
}
