package io.rillflow.examples.tracing;

import java.util.UUID;

/**
 * How many lines an order has, as the {@link OrderLines} projection keeps it.
 *
 * @param id the order's stream id
 * @param customer who ordered
 * @param lines the number of lines added
 */
public record OrderLineCount(UUID id, String customer, int lines) {}
