package io.rillflow.benchmarks;

import io.rillflow.Store;
import io.rillflow.aggregates.AggregateDefinition;
import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.benchmarks.Model.ItemAdded;
import io.rillflow.events.EventEnvelope;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The aggregate the aggregate benchmarks execute and load: a cart counting its items and their total. Its definition
 * and dispatch are written here exactly as the processor generates them for an {@code @Aggregate} (this module is not
 * compiled with the Rillflow processor), so the figures are those of generated code.
 */
final class BenchCart {
    /** The one command: add an item. */
    record AddItem(String sku, int quantity, BigDecimal unitPrice) {}

    long items;
    BigDecimal total = BigDecimal.ZERO;

    static final AggregateDefinition<BenchCart, UUID> DEFINITION = new AggregateDefinition<>(
            "cart",
            BenchCart.class,
            UUID.class,
            1,
            "bench",
            BenchCart::new,
            BenchCart::evolve,
            BenchCart::decide,
            List.of(AddItem.class));

    List<Object> add(AddItem command, UUID cart) {
        return List.of(new ItemAdded(cart, command.sku(), command.quantity(), command.unitPrice()));
    }

    void on(ItemAdded event) {
        items += event.quantity();
        total = total.add(event.unitPrice().multiply(BigDecimal.valueOf(event.quantity())));
    }

    private static BenchCart evolve(BenchCart state, EventEnvelope event) {
        switch (event.type()) {
            case "item_added":
                state.on((ItemAdded) event.event());
                return state;
            default:
                return state;
        }
    }

    private static List<?> decide(BenchCart state, UUID id, Object command, CommandContext context) {
        if (command instanceof AddItem c) {
            return state.add(c, null);
        }
        throw new IllegalArgumentException("Aggregate cart handles no command of type " + command.getClass());
    }

    /** What the processor generates as {@code BenchCartRepository}. */
    static final class Repository extends AggregateRepository<BenchCart, UUID> {
        Repository(Store store) {
            super(store, DEFINITION);
        }
    }
}
