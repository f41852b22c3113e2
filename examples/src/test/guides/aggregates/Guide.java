package guides.aggregates;

import io.rillflow.Store;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;
import io.rillflow.annotations.Handle;
import io.rillflow.events.EventEnvelope;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;

/** The imports of docs/aggregates.md's blocks and the names its statements use. */
abstract class Guide {
    Store store;
    CounterRepository counters;
}
