package io.rillflow.examples.projections;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A customer placed an order.
 *
 * @param customerId the customer
 * @param total the order's total
 */
public record OrderPlaced(UUID customerId, BigDecimal total) {}
