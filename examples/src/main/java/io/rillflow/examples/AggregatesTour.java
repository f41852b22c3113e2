package io.rillflow.examples;

import io.rillflow.Store;
import io.rillflow.aggregates.CommandBus;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.aggregates.CommandResult;
import io.rillflow.events.EventEnvelope;
import io.rillflow.examples.counter.Counter;
import io.rillflow.examples.counter.CounterCommand;
import io.rillflow.examples.counter.CounterRepository;
import io.rillflow.examples.orders.Order;
import io.rillflow.examples.orders.OrderCommand;
import io.rillflow.examples.orders.OrderRepository;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The eventfold-es quick start on Rillflow: a counter driven through its generated repository and through the
 * command bus, and an order through its life. Run it twice: the counters keep counting across runs.
 *
 * <p>Uses {@code DATABASE_URL} when set, otherwise an embedded PostgreSQL in the directory given as the first argument
 * (default {@code .rillflow/aggregates}).
 */
public final class AggregatesTour {
    private AggregatesTour() {}

    public static void main(String[] args) {
        Path dataDirectory = Path.of(args.length > 0 ? args[0] : ".rillflow/aggregates");
        String url = System.getenv("DATABASE_URL");
        try (Store store = url != null && !url.isBlank() ? Store.connect(url) : Store.embedded(dataDirectory)) {
            run(store, System.out);
        }
    }

    static void run(Store store, PrintStream out) {
        CounterRepository counters = new CounterRepository(store);
        CommandContext context = CommandContext.empty().withActor("tour");

        // Direct use of the generated repository.
        counters.execute("counter-1", new CounterCommand.Increment(1), context);
        out.println(
                "counter-1 = " + counters.load("counter-1").map(Counter::value).orElseThrow());

        // The command bus routes by command type to the aggregate that handles it.
        CommandBus bus = store.commandBus();
        CommandResult<?> result = bus.dispatch("counter-2", new CounterCommand.Increment(2), context);
        out.println("counter-2 = " + ((Counter) result.state()).value() + " at version " + result.version());

        OrderRepository orders = new OrderRepository(store);
        UUID order = UUID.randomUUID();
        orders.execute(order, new OrderCommand.Create("ada"), context);
        orders.execute(order, new OrderCommand.AddItem("tea", 2, new BigDecimal("4.50")), context);
        CommandResult<Order> submitted = orders.execute(order, new OrderCommand.Submit(), context);
        out.println("order " + order + " is " + submitted.state().status() + ", total "
                + submitted.state().total());
        try {
            orders.execute(order, new OrderCommand.AddItem("cup", 1, BigDecimal.ONE), context);
        } catch (IllegalStateException rejected) {
            out.println("rejected: " + rejected.getMessage());
        }
        for (EventEnvelope e : store.events().readStream(order)) {
            out.println("  #" + e.streamSeq() + " " + e.type() + " by "
                    + e.headers().get("actor").asText());
        }
        out.println("Done.");
    }
}
