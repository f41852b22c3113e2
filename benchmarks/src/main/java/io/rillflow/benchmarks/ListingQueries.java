package io.rillflow.benchmarks;

import io.rillflow.annotations.DocumentQueries;
import java.util.Optional;

/** The query the benchmark compares, compiled at build time. */
@DocumentQueries(Listing.class)
public interface ListingQueries {
    /** The listing of this agent address (served by the email index). */
    Optional<Listing> findByEmail(String email);
}
