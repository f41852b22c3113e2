package io.rillflow.tracing;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a trace: what happened ({@code kind}), where ({@code component}) and the details ({@code data}).
 *
 * @param traceId the trace it belongs to
 * @param sequence its position among all breadcrumbs of the sink: later breadcrumbs have larger numbers, so the
 *     breadcrumbs of a trace are in the order they were recorded
 * @param at when it was recorded
 * @param kind what happened: {@link Tracing#COMMAND}, {@link Tracing#APPEND}, {@link Tracing#PROJECTION} or an
 *     application's own kind
 * @param component the participant it happened in, e.g. {@code aggregate order} or {@code projection totals}
 * @param data the details as text, in the order they were given; never null
 */
public record Breadcrumb(
        String traceId, long sequence, Instant at, String kind, String component, Map<String, String> data) {
    /** Checks the required parts and copies the data, keeping its order. */
    public Breadcrumb {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(component, "component");
        data = data == null || data.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
