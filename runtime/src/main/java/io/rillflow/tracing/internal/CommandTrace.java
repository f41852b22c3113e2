package io.rillflow.tracing.internal;

import io.rillflow.ConcurrencyException;
import io.rillflow.IdempotencyConflictException;
import io.rillflow.tracing.Tracing;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The breadcrumbs of one command execution: received, each retry after a conflict, and its outcome with the number
 * of attempts. When tracing is disabled {@link #start} returns a shared instance whose methods do nothing, so an
 * untraced command allocates nothing for tracing.
 */
public final class CommandTrace {
    private static final CommandTrace OFF = new CommandTrace(null, null, null);

    private final Tracing tracing;
    private final String traceId;
    private final String component;
    private int attempts = 1;

    private CommandTrace(Tracing tracing, String traceId, String component) {
        this.tracing = tracing;
        this.traceId = traceId;
        this.component = component;
    }

    /** Records that aggregate {@code aggregate} received {@code command} for stream {@code streamId}. */
    public static CommandTrace start(
            Tracing tracing, String aggregate, UUID streamId, Object command, UUID correlationId) {
        if (!tracing.enabled()) {
            return OFF;
        }
        CommandTrace trace =
                new CommandTrace(tracing, TracePoints.traceId(correlationId, streamId), "aggregate " + aggregate);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", typeName(command.getClass()));
        trace.record(data);
        return trace;
    }

    /** The append met a concurrent change; the command is decided again. */
    public void retrying() {
        if (tracing == null) {
            return;
        }
        attempts++;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("outcome", "retrying");
        data.put("attempt", attempts);
        record(data);
    }

    /** The command's events were appended, up to {@code version}; none when {@code events} is 0. */
    public void finished(long version, int events) {
        if (tracing == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("outcome", events == 0 ? "unchanged" : "committed");
        data.put("version", version);
        data.put("events", events);
        data.put("attempts", attempts);
        record(data);
    }

    /** The command failed: rejected by the aggregate or a check, out of attempts, or a repeated idempotency key. */
    public void failed(RuntimeException failure) {
        if (tracing == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (failure instanceof ConcurrencyException) {
            data.put("outcome", "conflict");
        } else if (failure instanceof IdempotencyConflictException) {
            data.put("outcome", "duplicate");
        } else {
            data.put("outcome", "rejected");
            data.put("error", TracePoints.error(failure));
        }
        data.put("attempts", attempts);
        record(data);
    }

    private void record(Map<String, Object> data) {
        tracing.record(traceId, Tracing.COMMAND, component, data);
    }

    /** {@code OrderCommand.AddItem} for a nested type, the simple name otherwise. */
    private static String typeName(Class<?> type) {
        String name = type.getName();
        int dot = name.lastIndexOf('.');
        return name.substring(dot + 1).replace('$', '.');
    }
}
