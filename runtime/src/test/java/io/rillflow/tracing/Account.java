package io.rillflow.tracing;

import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import io.rillflow.aggregates.AggregateDefinition;
import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.events.EventEnvelope;
import java.util.List;

/** A small aggregate with a hand-written definition shaped like a generated one, for the trace tests. */
final class Account {
    record Open(String owner, int deposit) {}

    record Withdraw(int amount) {}

    record Opened(String owner) {}

    record Deposited(int amount) {}

    record Withdrawn(int amount) {}

    static final AggregateDefinition<Account, String> DEFINITION = new AggregateDefinition<>(
            "account",
            Account.class,
            String.class,
            1,
            "shape-1",
            Account::new,
            Account::evolve,
            Account::decide,
            List.of(Open.class, Withdraw.class));

    private boolean open;
    private int balance;

    /** What the processor would generate. */
    static final class Repository extends AggregateRepository<Account, String> {
        Repository(Store store) {
            super(store, DEFINITION);
        }
    }

    /** The event types to register on a store builder. */
    static StoreBuilder register(StoreBuilder builder) {
        return builder.eventType("Opened", Opened.class)
                .eventType("Deposited", Deposited.class)
                .eventType("Withdrawn", Withdrawn.class);
    }

    private static Account evolve(Account state, EventEnvelope event) {
        switch (event.type()) {
            case "Opened" -> state.open = true;
            case "Deposited" -> state.balance += ((Deposited) event.event()).amount();
            case "Withdrawn" -> state.balance -= ((Withdrawn) event.event()).amount();
            default -> {}
        }
        return state;
    }

    private static List<?> decide(Account state, String id, Object command, CommandContext context) {
        if (command instanceof Open c) {
            return state.open ? List.of() : List.of(new Opened(c.owner()), new Deposited(c.deposit()));
        }
        if (command instanceof Withdraw c) {
            if (c.amount() > state.balance) {
                throw new IllegalStateException(
                        "Insufficient funds: balance " + state.balance + "; wanted " + c.amount());
            }
            return List.of(new Withdrawn(c.amount()));
        }
        throw new IllegalArgumentException(
                "Account handles no " + command.getClass().getName());
    }

    int balance() {
        return balance;
    }
}
