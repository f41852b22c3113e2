package io.rillflow.examples.orders;

/** The order was cancelled before submission. */
public record OrderCancelled(String reason) {}
