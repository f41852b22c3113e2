package guides.events;

import io.rillflow.Store;
import io.rillflow.annotations.Event;
import io.rillflow.annotations.Upcast;
import io.rillflow.events.EventStore;
import io.rillflow.events.Expected;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

/** The imports of docs/events.md's blocks and the names its statements use. */
abstract class Guide {
    Store store;
    UUID orderId;
}
