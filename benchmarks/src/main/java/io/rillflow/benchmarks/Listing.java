package io.rillflow.benchmarks;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Id;
import io.rillflow.annotations.Index;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A flat listing, the document of the query benchmark ({@link CompiledQuery}): compiled by the Rillflow processor, so
 * it has a metamodel ({@code Listing_}) for the runtime DSL and {@link ListingQueries} has a generated implementation.
 *
 * @param id the listing's id
 * @param email the agent's address, unique among listings
 * @param city where the flat is
 * @param rooms how many rooms it has
 * @param rent the monthly rent
 * @param tags labels such as {@code balcony}
 */
@Document
public record Listing(@Id UUID id, @Index String email, String city, int rooms, BigDecimal rent, List<String> tags) {}
