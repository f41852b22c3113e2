package io.rillflow.examples.projections;

import io.rillflow.annotations.On;
import io.rillflow.annotations.Projection;
import io.rillflow.annotations.Rebuild;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.ProjectionContext;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * Folds customer events into {@link CustomerSummary} documents. Each method runs inside the daemon's batch
 * transaction: the documents it writes through the context commit together with the projection's checkpoint.
 */
@Projection(name = "customer_summaries")
public class CustomerSummaries {
    @On
    void on(CustomerRegistered event, EventEnvelope meta, ProjectionContext context) {
        summaries(context)
                .put(
                        event.customerId(),
                        new CustomerSummary(event.customerId(), event.name(), 0, BigDecimal.ZERO, meta.globalSeq()));
    }

    @On
    void on(OrderPlaced event, EventEnvelope meta, ProjectionContext context) {
        summaries(context)
                .update(
                        event.customerId(),
                        summary -> new CustomerSummary(
                                summary.id(),
                                summary.name(),
                                summary.orders() + 1,
                                summary.spent().add(event.total()),
                                meta.globalSeq()));
    }

    /** Empties the read model, soft-deleted summaries included, in the rebuild's transaction. */
    @Rebuild
    void clear(ProjectionContext context) {
        summaries(context).deleteAll();
    }

    private static DocumentCollection<CustomerSummary, UUID> summaries(ProjectionContext context) {
        return context.documents(CustomerSummary.class, UUID.class);
    }
}
