package io.rillflow.examples.tracing;

import io.rillflow.annotations.On;
import io.rillflow.annotations.Projection;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.events.EventEnvelope;
import io.rillflow.examples.orders.ItemAdded;
import io.rillflow.examples.orders.OrderCreated;
import io.rillflow.projections.ProjectionContext;
import java.util.UUID;

/** Counts the lines of each order into an {@link OrderLineCount} document keyed by the order's stream. */
@Projection(name = "order_lines")
public class OrderLines {
    @On
    void on(OrderCreated event, EventEnvelope meta, ProjectionContext context) {
        counts(context).put(meta.streamId(), new OrderLineCount(meta.streamId(), event.customer(), 0));
    }

    @On
    void on(ItemAdded event, EventEnvelope meta, ProjectionContext context) {
        counts(context)
                .update(meta.streamId(), count -> new OrderLineCount(count.id(), count.customer(), count.lines() + 1));
    }

    private static DocumentCollection<OrderLineCount, UUID> counts(ProjectionContext context) {
        return context.documents(OrderLineCount.class, UUID.class);
    }
}
