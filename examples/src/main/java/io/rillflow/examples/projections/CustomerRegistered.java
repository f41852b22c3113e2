package io.rillflow.examples.projections;

import java.util.UUID;

/**
 * A customer signed up.
 *
 * @param customerId the customer
 * @param name their name
 */
public record CustomerRegistered(UUID customerId, String name) {}
