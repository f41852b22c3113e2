package guides.process_managers;

import io.rillflow.Store;
import io.rillflow.annotations.On;
import io.rillflow.annotations.ProcessManager;
import io.rillflow.events.EventEnvelope;
import io.rillflow.examples.fulfilment.FulfilmentCommand;
import io.rillflow.examples.orders.OrderCancelled;
import io.rillflow.examples.orders.OrderSubmitted;
import io.rillflow.processes.Dispatch;
import io.rillflow.projections.DeadLetter;
import io.rillflow.projections.ProjectionDaemon;
import java.util.List;
import java.util.UUID;

/** The imports of docs/process-managers.md's blocks (its types are the examples') and the names its statements use. */
abstract class Guide {
    String url;
    Store store;
}
