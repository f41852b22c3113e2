package io.rillflow.examples.orders;

import io.rillflow.annotations.Event;
import io.rillflow.annotations.Upcast;
import java.math.BigDecimal;

/**
 * A line was added. Version 2: version 1 ({@link ItemAddedV1}) had no unit price and called the quantity
 * {@code qty}; old events are upcast on every read.
 */
@Event(name = "ItemAdded", version = 2)
public record ItemAdded(String sku, int quantity, BigDecimal unitPrice) {
    /** The shape version 1 was stored with. */
    @Event(name = "ItemAdded")
    public record ItemAddedV1(String sku, int qty) {}

    /** Version 1 to 2: {@code qty} becomes {@code quantity}; old lines had no price, so they are free. */
    @Upcast
    public static ItemAdded fromV1(ItemAddedV1 old) {
        return new ItemAdded(old.sku(), old.qty(), BigDecimal.ZERO);
    }
}
