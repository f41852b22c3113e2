package io.rillflow.examples.projections;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Id;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * The read model: one document per customer, kept current by {@link CustomerSummaries}.
 *
 * @param id the customer
 * @param name their name
 * @param orders how many orders they placed
 * @param spent the sum of their orders
 * @param lastEvent the global position of the last event applied to it
 */
@Document
public record CustomerSummary(@Id UUID id, String name, int orders, BigDecimal spent, long lastEvent) {}
