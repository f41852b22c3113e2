package io.rillflow.benchmarks;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Id;
import io.rillflow.annotations.Index;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The customer document every document benchmark stores (about 300 bytes of JSON), with an index on its e-mail so a
 * query by e-mail can be measured; the raw tables get the same index.
 */
@Document(name = "customer")
public record Customer(
        @Id UUID id,
        String name,
        @Index String email,
        Address address,
        List<String> tags,
        BigDecimal balance,
        Instant createdAt,
        boolean active) {

    /** A postal address, nested in the document. */
    public record Address(String street, String city, String postcode, String country) {}
}
