package guides.projections;

import io.rillflow.Store;
import io.rillflow.annotations.On;
import io.rillflow.annotations.Projection;
import io.rillflow.annotations.Rebuild;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.DeadLetter;
import io.rillflow.projections.DocumentProjection;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.ProjectionStatus;
import java.util.List;
import java.util.UUID;

/** The imports of docs/projections.md's blocks and the names its statements use. */
abstract class Guide {
    String url;
    Store store;
}
