package guides.queries;

import io.rillflow.Store;
import io.rillflow.annotations.DocumentQueries;
import io.rillflow.annotations.Query;
import io.rillflow.query.Page;
import io.rillflow.query.PageRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The imports of docs/queries.md's blocks and the names its statements use. */
abstract class Guide {
    Store store;
}
