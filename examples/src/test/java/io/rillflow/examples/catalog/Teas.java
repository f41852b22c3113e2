package io.rillflow.examples.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Tea products for the tests that need one plain document with its own SKU. */
public final class Teas {
    /** The price of every tea. */
    public static final BigDecimal PRICE = new BigDecimal("4.50");

    private Teas() {}

    /** A new tea with a fresh id and {@code sku}. */
    public static Product tea(String sku) {
        return new Product(
                UUID.randomUUID(),
                sku,
                "Tea " + sku,
                "Loose leaves",
                PRICE,
                3,
                List.of("tea"),
                Instant.parse("2026-03-01T09:00:00Z"),
                new Supplier("Teehaus", "Bremen", "DE"),
                Availability.IN_STOCK);
    }
}
