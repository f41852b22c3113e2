package guides.projections;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Id;
import java.math.BigDecimal;
import java.util.UUID;

/** The keyed document of docs/projections.md's ready-made projection. */
@Document
public record CustomerTotal(@Id UUID id, BigDecimal total) {
    /** {@code total} (null: none yet) with the order added. */
    public static CustomerTotal add(CustomerTotal total, OrderPlaced order) {
        return total == null
                ? new CustomerTotal(order.customerId(), order.total())
                : new CustomerTotal(total.id(), total.total().add(order.total()));
    }
}
