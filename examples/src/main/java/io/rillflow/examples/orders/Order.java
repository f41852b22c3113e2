package io.rillflow.examples.orders;

import io.rillflow.aggregates.CommandContext;
import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.AggregateId;
import io.rillflow.annotations.Apply;
import io.rillflow.annotations.Handle;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * An order: the immutable aggregate style. The state is a record; {@code @Apply} methods return the next state, and
 * {@code @Handle} methods reject commands that do not fit it by throwing. The processor generates
 * {@code OrderRepository}.
 *
 * @param status where the order is in its life
 * @param customer who ordered, null until created
 * @param lines the lines, in the order they were added
 */
@Aggregate(value = "order", id = UUID.class)
public record Order(Status status, String customer, List<Line> lines) {
    /** The life of an order. */
    public enum Status {
        NEW,
        OPEN,
        SUBMITTED,
        CANCELLED
    }

    /** One product line. */
    public record Line(String sku, int quantity, BigDecimal unitPrice) {
        BigDecimal total() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    public Order {
        lines = List.copyOf(lines);
    }

    /** An order that does not exist yet. */
    static Order initial() {
        return new Order(Status.NEW, null, List.of());
    }

    /** The sum of the lines. */
    public BigDecimal total() {
        return lines.stream().map(Line::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Handle
    List<Object> create(OrderCommand.Create command) {
        require(status == Status.NEW, "is already created");
        return List.of(new OrderCreated(command.customer()));
    }

    @Handle
    List<Object> add(OrderCommand.AddItem command) {
        require(status == Status.OPEN, "is not open");
        if (command.quantity() < 1) {
            throw new IllegalArgumentException("A quantity is 1 or more, was " + command.quantity());
        }
        return List.of(new ItemAdded(command.sku(), command.quantity(), command.unitPrice()));
    }

    @Handle
    List<Object> remove(OrderCommand.RemoveItem command) {
        require(status == Status.OPEN, "is not open");
        boolean present = lines.stream().anyMatch(l -> l.sku().equals(command.sku()));
        return present ? List.of(new ItemRemoved(command.sku())) : List.of();
    }

    @Handle
    List<Object> submit(OrderCommand.Submit command) {
        require(status == Status.OPEN, "is not open");
        require(!lines.isEmpty(), "has no lines");
        return List.of(new OrderSubmitted(total()));
    }

    /**
     * Cancelling needs to know who cancels: a handler may take the context the command was sent with, and the id of
     * the order, which the command need not repeat.
     */
    @Handle
    List<Object> cancel(OrderCommand.Cancel command, CommandContext context, @AggregateId UUID orderId) {
        require(
                status == Status.OPEN || status == Status.NEW,
                "is " + status.name().toLowerCase(Locale.ROOT));
        require(context.actor() != null, orderId + " can only be cancelled by a known actor");
        return List.of(new OrderCancelled(command.reason()));
    }

    @Apply
    Order on(OrderCreated event) {
        return new Order(Status.OPEN, event.customer(), lines);
    }

    @Apply
    static Order on(Order state, ItemAdded event) {
        List<Line> more = new ArrayList<>(state.lines());
        more.add(new Line(event.sku(), event.quantity(), event.unitPrice()));
        return new Order(state.status(), state.customer(), more);
    }

    @Apply
    Order on(ItemRemoved event) {
        return new Order(
                status,
                customer,
                lines.stream().filter(l -> !l.sku().equals(event.sku())).toList());
    }

    @Apply
    Order on(OrderSubmitted event) {
        return new Order(Status.SUBMITTED, customer, lines);
    }

    @Apply
    Order on(OrderCancelled event) {
        return new Order(Status.CANCELLED, customer, lines);
    }

    private void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException("Order " + problem);
        }
    }
}
