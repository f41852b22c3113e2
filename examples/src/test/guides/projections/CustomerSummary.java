package guides.projections;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Id;
import java.util.UUID;

/** The read model docs/projections.md's projection keeps. */
@Document
public record CustomerSummary(@Id UUID id, String name, int orders) {
    /** This summary with another order count. */
    public CustomerSummary withOrders(int orders) {
        return new CustomerSummary(id, name, orders);
    }
}
