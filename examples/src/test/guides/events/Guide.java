package guides.events;

import io.rillflow.annotations.Event;
import io.rillflow.annotations.Upcast;
import java.math.BigDecimal;

/** The imports of docs/events.md's blocks. */
abstract class Guide {}
