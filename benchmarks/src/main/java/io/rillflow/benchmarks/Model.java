package io.rillflow.benchmarks;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The document and event types the benchmarks store: small, realistic records with nested values and decimals. */
final class Model {
    private Model() {}

    /** An event of about 120 bytes of JSON. */
    record ItemAdded(UUID orderId, String sku, int quantity, BigDecimal unitPrice) {}

    static Customer customer(UUID id, int n) {
        return new Customer(
                id,
                "Customer " + n,
                "customer" + n + "@example.com",
                new Customer.Address(n + " Main Street", "Berlin", "10115", "DE"),
                List.of("retail", "newsletter", n % 2 == 0 ? "even" : "odd"),
                new BigDecimal("1234.50").add(BigDecimal.valueOf(n % 100)),
                Instant.parse("2026-11-23T10:15:30Z").plusSeconds(n),
                n % 7 != 0);
    }

    static ItemAdded item(UUID orderId, int n) {
        return new ItemAdded(orderId, "SKU-" + (10_000 + n), 1 + n % 5, new BigDecimal("19.90"));
    }
}
