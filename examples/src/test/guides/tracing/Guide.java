package guides.tracing;

import io.rillflow.Store;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.examples.orders.OrderCommand;
import io.rillflow.examples.orders.OrderRepository;
import io.rillflow.tracing.TraceOptions;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/** The imports of docs/tracing.md's blocks (its order is the examples') and the names its statements use. */
abstract class Guide {
    String url;
    Store store;
    OrderRepository orders;
    UUID orderId;
    UUID correlation;
}
