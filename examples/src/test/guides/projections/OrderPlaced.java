package guides.projections;

import java.math.BigDecimal;
import java.util.UUID;

/** An event of docs/projections.md. */
public record OrderPlaced(UUID customerId, BigDecimal total) {}
