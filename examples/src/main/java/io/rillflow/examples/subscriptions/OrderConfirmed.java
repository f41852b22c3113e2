package io.rillflow.examples.subscriptions;

import java.util.UUID;

/**
 * An order was confirmed; the customer gets a mail.
 *
 * @param orderId the order
 * @param email where the confirmation goes
 */
public record OrderConfirmed(UUID orderId, String email) {}
