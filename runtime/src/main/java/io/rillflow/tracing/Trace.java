package io.rillflow.tracing;

import java.util.List;
import java.util.Objects;

/**
 * A snapshot of one trace: the breadcrumbs it still holds, oldest first, and how many older ones the per-trace bound
 * ({@link TraceOptions#maxBreadcrumbsPerTrace()}) dropped.
 *
 * @param id the trace id
 * @param breadcrumbs the kept breadcrumbs in the order they were recorded
 * @param dropped how many earlier breadcrumbs were dropped to respect the bound
 */
public record Trace(String id, List<Breadcrumb> breadcrumbs, long dropped) {
    /** Copies the breadcrumbs, so a trace read once cannot change. */
    public Trace {
        Objects.requireNonNull(id, "id");
        breadcrumbs = List.copyOf(breadcrumbs);
    }
}
