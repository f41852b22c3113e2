package guides.aggregates;

import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;
import io.rillflow.annotations.Handle;
import io.rillflow.events.EventEnvelope;
import java.util.List;
import java.util.UUID;

/** The imports of docs/aggregates.md's blocks. */
abstract class Guide {}
