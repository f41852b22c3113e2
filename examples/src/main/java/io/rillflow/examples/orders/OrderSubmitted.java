package io.rillflow.examples.orders;

import java.math.BigDecimal;

/** The order was submitted with its total. */
public record OrderSubmitted(BigDecimal total) {}
