package guides.aggregates;

/** The command docs/aggregates.md's counter handles. */
public record Increment(long by) {}
