package io.rillflow.tracing;

/**
 * The bounds of a store's in-memory trace sink. Both are hard limits: past them the oldest data goes, so tracing
 * left on by mistake costs at most {@code maxTraces * maxBreadcrumbsPerTrace} small breadcrumbs of memory.
 *
 * @param maxTraces how many traces are kept; recording into a new trace beyond this evicts the trace that was
 *     recorded into least recently
 * @param maxBreadcrumbsPerTrace how many breadcrumbs one trace keeps; beyond this its oldest breadcrumb is dropped
 *     (and counted, see {@link Trace#dropped()})
 */
public record TraceOptions(int maxTraces, int maxBreadcrumbsPerTrace) {
    /** The default number of traces kept. */
    public static final int DEFAULT_MAX_TRACES = 1_000;

    /** The default number of breadcrumbs kept per trace. */
    public static final int DEFAULT_MAX_BREADCRUMBS_PER_TRACE = 200;

    /** Checks both bounds are 1 or more. */
    public TraceOptions {
        if (maxTraces < 1) {
            throw new IllegalArgumentException("maxTraces must be 1 or more, was " + maxTraces);
        }
        if (maxBreadcrumbsPerTrace < 1) {
            throw new IllegalArgumentException(
                    "maxBreadcrumbsPerTrace must be 1 or more, was " + maxBreadcrumbsPerTrace);
        }
    }

    /** {@value #DEFAULT_MAX_TRACES} traces of at most {@value #DEFAULT_MAX_BREADCRUMBS_PER_TRACE} breadcrumbs. */
    public static TraceOptions defaults() {
        return new TraceOptions(DEFAULT_MAX_TRACES, DEFAULT_MAX_BREADCRUMBS_PER_TRACE);
    }

    /** These options keeping {@code maxTraces} traces instead. */
    public TraceOptions withMaxTraces(int maxTraces) {
        return new TraceOptions(maxTraces, maxBreadcrumbsPerTrace);
    }

    /** These options keeping {@code maxBreadcrumbsPerTrace} breadcrumbs per trace instead. */
    public TraceOptions withMaxBreadcrumbsPerTrace(int maxBreadcrumbsPerTrace) {
        return new TraceOptions(maxTraces, maxBreadcrumbsPerTrace);
    }
}
