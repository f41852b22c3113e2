package guides.aggregates;

import io.rillflow.annotations.Event;

/** The event docs/aggregates.md's counter decides and applies. */
@Event
public record Incremented(long by) {}
