package io.rillflow.projections.internal;

import io.rillflow.RillflowException;
import io.rillflow.documents.internal.DocumentTables;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.internal.AppendHook;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.tracing.Tracing;
import io.rillflow.tracing.internal.TracePoints;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The {@code INLINE} projections of a store, applied by every append inside its transaction (the store hands the hook
 * {@link #writingTo} makes to the event store of each of its contexts). An append none of whose event types an inline
 * projection reads stays one statement in auto-commit.
 */
public final class InlineProjections {
    private record Inline(ProjectionHandler handler, Set<String> types) {
        boolean reads(String type) {
            return types.isEmpty() || types.contains(type);
        }
    }

    private final Map<String, Inline> inline = new ConcurrentSkipListMap<>();

    /** Created by the store; projections are added as they are registered. */
    public InlineProjections() {}

    /**
     * The append hook of an event store whose inline projections write to {@code documents} and record into
     * {@code tracing} (the store's, or a tenant's view of it).
     */
    public AppendHook writingTo(DocumentTables documents, Tracing tracing) {
        return new AppendHook() {
            @Override
            public boolean wants(String[] typeNames) {
                return InlineProjections.this.wants(typeNames);
            }

            @Override
            public void appended(Connection connection, List<EventEnvelope> events) {
                apply(connection, documents, tracing, events);
            }
        };
    }

    /** Adds an inline projection reading {@code types} (empty: every event). */
    public void add(ProjectionHandler handler, List<String> types) {
        inline.put(handler.name(), new Inline(handler, Set.copyOf(types)));
    }

    /** The status of an inline projection from its {@code stored} row: at the head, no lag, never leased or paused. */
    static ProjectionStatus status(ProjectionStatus stored) {
        // Every committed append applied it in its own transaction.
        return new ProjectionStatus(
                stored.name(),
                stored.head(),
                stored.head(),
                0,
                Duration.ZERO,
                false,
                null,
                null,
                stored.deadLetters(),
                0,
                null,
                stored.lastError(),
                stored.lastErrorAt());
    }

    private boolean wants(String[] typeNames) {
        for (Inline projection : inline.values()) {
            for (String type : typeNames) {
                if (projection.reads(type)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void apply(Connection connection, DocumentTables documents, Tracing tracing, List<EventEnvelope> events) {
        for (Inline projection : inline.values()) {
            ProjectionHandler handler = projection.handler();
            BatchContext context = new BatchContext(handler.name(), connection, documents);
            for (EventEnvelope event : events) {
                if (!projection.reads(event.type())) {
                    continue;
                }
                try {
                    handler.apply(event, context);
                    TracePoints.projectedInline(tracing, handler.name(), event);
                } catch (Exception e) {
                    TracePoints.projectionFailed(
                            tracing, handler.name(), event, "failed", 1, ProjectionEngine.describe(e));
                    throw new RillflowException(
                            "Inline projection " + handler.name() + " failed on " + event
                                    + ", so the append was rolled back: " + ProjectionEngine.describe(e),
                            e);
                }
            }
        }
    }
}
