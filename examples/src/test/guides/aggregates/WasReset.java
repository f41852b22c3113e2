package guides.aggregates;

import io.rillflow.annotations.Event;

/** An event docs/aggregates.md's counter applies with its envelope. */
@Event
public record WasReset() {}
