package io.rillflow.tracing.internal;

import io.rillflow.ConcurrencyException;
import io.rillflow.IdempotencyConflictException;
import io.rillflow.events.AppendResult;
import io.rillflow.events.Event;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.events.internal.EventTypes;
import io.rillflow.tracing.Tracing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The breadcrumbs the store itself records: appends and projections (commands: {@link CommandTrace}). Each method
 * returns at once when tracing is disabled, before allocating anything, so the call sites in the hot paths cost one
 * field read.
 *
 * <p>The trace id is the correlation id when there is one, otherwise the stream id: a command, its append and the
 * projections applying its events share it either way.
 */
public final class TracePoints {
    /** The participant of appends. */
    public static final String EVENT_STORE = "event store";

    private TracePoints() {}

    /** The trace of work under {@code correlationId}, or on {@code streamId} when there is no correlation id. */
    public static String traceId(UUID correlationId, UUID streamId) {
        return String.valueOf(correlationId != null ? correlationId : streamId);
    }

    /** The participant of a projection. */
    public static String projection(String name) {
        return "projection " + name;
    }

    /** An append that committed. */
    public static void appended(
            Tracing tracing,
            EventTypes types,
            UUID correlationId,
            Expected expected,
            List<?> events,
            AppendResult result) {
        if (!tracing.enabled()) {
            return;
        }
        Map<String, Object> data = append(types, result.streamId(), expected, events);
        data.put("outcome", "ok");
        data.put("version", result.streamVersion());
        data.put(
                "global",
                result.firstGlobalSeq() == result.lastGlobalSeq()
                        ? Long.toString(result.firstGlobalSeq())
                        : result.firstGlobalSeq() + ".." + result.lastGlobalSeq());
        tracing.record(traceId(correlationId, result.streamId()), Tracing.APPEND, EVENT_STORE, data);
    }

    /** An append that failed (nothing was written): a conflict, a repeated idempotency key or an error. */
    public static void appendFailed(
            Tracing tracing,
            EventTypes types,
            UUID streamId,
            UUID correlationId,
            Expected expected,
            List<?> events,
            RuntimeException failure) {
        if (!tracing.enabled() || streamId == null) {
            return;
        }
        Map<String, Object> data = append(types, streamId, expected, events);
        if (failure instanceof ConcurrencyException conflict) {
            data.put("outcome", "conflict");
            data.put("actual", conflict.actual());
        } else if (failure instanceof IdempotencyConflictException) {
            data.put("outcome", "duplicate");
        } else {
            data.put("outcome", "failed");
            data.put("error", error(failure));
        }
        tracing.record(traceId(correlationId, streamId), Tracing.APPEND, EVENT_STORE, data);
    }

    /** The events of one batch a projection applied and committed. */
    public static void projected(Tracing tracing, String projection, List<EventEnvelope> events) {
        if (!tracing.enabled()) {
            return;
        }
        for (EventEnvelope event : events) {
            Map<String, Object> data = event(event);
            data.put("outcome", "applied");
            tracing.record(trace(event), Tracing.PROJECTION, projection(projection), data);
        }
    }

    /** An event an inline projection applied inside its append's transaction. */
    public static void projectedInline(Tracing tracing, String projection, EventEnvelope event) {
        if (!tracing.enabled()) {
            return;
        }
        Map<String, Object> data = event(event);
        data.put("outcome", "applied inline");
        tracing.record(trace(event), Tracing.PROJECTION, projection(projection), data);
    }

    /**
     * An event a projection failed on: {@code outcome} says what became of it ({@code failed} to be retried,
     * {@code dead-lettered} or {@code stopped}).
     */
    public static void projectionFailed(
            Tracing tracing, String projection, EventEnvelope event, String outcome, int attempts, String error) {
        if (!tracing.enabled()) {
            return;
        }
        Map<String, Object> data = event(event);
        data.put("outcome", outcome);
        data.put("attempts", attempts);
        data.put("error", error);
        tracing.record(trace(event), Tracing.PROJECTION, projection(projection), data);
    }

    static String error(Throwable failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    private static String trace(EventEnvelope event) {
        return traceId(event.correlationId(), event.streamId());
    }

    private static Map<String, Object> event(EventEnvelope event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event", event.type());
        data.put("global", event.globalSeq());
        return data;
    }

    private static Map<String, Object> append(EventTypes types, UUID streamId, Expected expected, List<?> events) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("stream", streamId);
        data.put("expected", expected);
        data.put("events", events == null ? 0 : events.size());
        if (events != null && !events.isEmpty()) {
            data.put("types", typeNames(types, events));
        }
        return data;
    }

    /** The events' type names, runs of one type written once with a count: {@code ItemAdded x3 OrderSubmitted}. */
    private static String typeNames(EventTypes types, List<?> events) {
        StringBuilder names = new StringBuilder();
        String run = null;
        int count = 0;
        for (Object event : events) {
            String name = typeName(types, event);
            if (name.equals(run)) {
                count++;
                continue;
            }
            appendRun(names, run, count);
            run = name;
            count = 1;
        }
        appendRun(names, run, count);
        return names.toString();
    }

    private static void appendRun(StringBuilder names, String run, int count) {
        if (run == null) {
            return;
        }
        if (names.length() > 0) {
            names.append(' ');
        }
        names.append(run);
        if (count > 1) {
            names.append(" x").append(count);
        }
    }

    private static String typeName(EventTypes types, Object event) {
        if (event == null) {
            return "null";
        }
        if (event instanceof Event untyped) {
            return untyped.type();
        }
        return types.nameOf(event.getClass()).orElse(event.getClass().getSimpleName());
    }
}
