package guides.projections;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Id;
import java.math.BigDecimal;
import java.util.UUID;

/** The per-stream document of docs/projections.md's ready-made projection. */
@Document
public record OrderView(@Id UUID id, BigDecimal total, String status) {
    /** This view with another status. */
    public OrderView withStatus(String status) {
        return new OrderView(id, total, status);
    }
}
