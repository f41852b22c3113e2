package io.rillflow.examples.orders;

import java.math.BigDecimal;

/** The commands an {@link Order} handles. */
public final class OrderCommand {
    private OrderCommand() {}

    /** Opens an order for a customer. */
    public record Create(String customer) {}

    /** Adds {@code quantity} of a product at a unit price. */
    public record AddItem(String sku, int quantity, BigDecimal unitPrice) {}

    /** Removes every line of a product. */
    public record RemoveItem(String sku) {}

    /** Submits the order; it needs at least one line. */
    public record Submit() {}

    /** Cancels an order that is not submitted. */
    public record Cancel(String reason) {}
}
