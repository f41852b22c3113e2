package io.rillflow.examples.orders;

/** An order was opened. Stored as {@code OrderCreated} (the default name: the simple name). */
public record OrderCreated(String customer) {}
