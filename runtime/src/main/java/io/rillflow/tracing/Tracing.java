package io.rillflow.tracing;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Developer trace breadcrumbs: a bounded, in-memory record of what a command, its append and the projections that
 * applied its events did, exportable as a Mermaid sequence diagram. Meant for development and tests, not for
 * production telemetry: nothing is persisted and old traces are evicted.
 *
 * <pre>{@code
 * Store store = Store.builder(url).tracing(true).build();
 * UUID correlation = UUID.randomUUID();
 * orders.execute(id, new PlaceOrder(...), CommandContext.empty().withCorrelationId(correlation));
 * store.projections().runUntilIdle();
 * System.out.println(store.tracing().mermaid(correlation));
 * }</pre>
 *
 * <p>The store records into its sink when tracing is enabled ({@code StoreBuilder.tracing(...)}); the trace id is
 * the correlation id of the command or append when it has one, otherwise the id of the stream written, so everything
 * done under one correlation id (a command, its events, the projections applying them, the commands a process
 * manager sends in reaction) lands in one trace. Applications can record their own breadcrumbs with
 * {@link #record}.
 *
 * <p>Bounds ({@link TraceOptions}): at most {@code maxTraces} traces (recording into a new trace evicts the one
 * recorded into least recently) of at most {@code maxBreadcrumbsPerTrace} breadcrumbs each (the oldest are dropped
 * and counted); a breadcrumb keeps at most {@value #MAX_DATA_ENTRIES} data entries, and its kind, component, keys
 * and values are cut to {@value #MAX_TEXT_LENGTH} characters.
 *
 * <p>Thread-safe: recording takes one short lock, so breadcrumbs of a trace are kept in the order they were
 * recorded. A disabled sink ({@link #disabled()}) records nothing and costs one field read per call site.
 */
public final class Tracing {
    /** The kind of the breadcrumbs of a command: received, retried after a conflict, and its outcome. */
    public static final String COMMAND = "command";

    /** The kind of the breadcrumb of an append: stream, expected version, events and result or failure. */
    public static final String APPEND = "append";

    /** The kind of the breadcrumbs of a projection: an event applied, failed or dead-lettered. */
    public static final String PROJECTION = "projection";

    /** The most data entries a breadcrumb keeps; later entries are left out. */
    public static final int MAX_DATA_ENTRIES = 32;

    /** The most characters a kind, component, data key or data value keeps; the rest is cut. */
    public static final int MAX_TEXT_LENGTH = 500;

    /** The longest trace id accepted. */
    public static final int MAX_TRACE_ID_LENGTH = 200;

    private static final Tracing DISABLED = new Tracing(null);

    private final TraceOptions options;
    /** Traces in the order they were last recorded into: the first is the next to evict. Guarded by itself. */
    private final LinkedHashMap<String, Buffer> traces;
    /** For a tenant's view ({@link #forTenant}), the sink it records into; null for a sink. */
    private final Tracing sink;
    /** The tenant every breadcrumb recorded through this view names; null for a sink. */
    private final String tenant;

    private long sequence;

    /** The breadcrumbs of one trace, oldest first, bounded. */
    private static final class Buffer {
        final ArrayDeque<Breadcrumb> breadcrumbs = new ArrayDeque<>();
        long dropped;
    }

    private Tracing(TraceOptions options) {
        this(options, new LinkedHashMap<>(), null, null);
    }

    private Tracing(TraceOptions options, LinkedHashMap<String, Buffer> traces, Tracing sink, String tenant) {
        this.options = options;
        this.traces = traces;
        this.sink = sink;
        this.tenant = tenant;
    }

    /** A sink that records nothing: what a store has unless tracing is enabled. */
    public static Tracing disabled() {
        return DISABLED;
    }

    /** A new, empty in-memory sink bounded by {@code options}. */
    public static Tracing inMemory(TraceOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("Trace options must not be null; use TraceOptions.defaults()");
        }
        return new Tracing(options);
    }

    /**
     * The view of this sink that a tenant's store records into: every breadcrumb recorded through it gets a first
     * data entry {@code tenant} naming {@code tenant}, and lands in this sink, so one trace can follow a command
     * across tenants. Reading (and {@link #clear()}) through the view reads this sink: every tenant's traces. A
     * disabled sink is its own view.
     */
    public Tracing forTenant(String tenant) {
        Objects.requireNonNull(tenant, "tenant");
        if (options == null) {
            return this;
        }
        Tracing root = sink != null ? sink : this;
        return new Tracing(options, root.traces, root, tenant);
    }

    /** Whether this sink records anything. */
    public boolean enabled() {
        return options != null;
    }

    /** The bounds of this sink; empty for a disabled sink. */
    public Optional<TraceOptions> options() {
        return Optional.ofNullable(options);
    }

    /**
     * Records a breadcrumb in trace {@code traceId}; does nothing if the sink is disabled. Values are kept as their
     * {@code String.valueOf} text, so later changes to the objects do not change the breadcrumb.
     *
     * @param traceId the trace, e.g. a correlation id's text; 1 to {@value #MAX_TRACE_ID_LENGTH} characters
     * @param kind what happened, e.g. {@link #COMMAND}; not blank
     * @param component where it happened, the diagram's participant; not blank
     * @param data details in the order to show them; may be null or empty
     * @throws IllegalArgumentException if the trace id, kind or component is null or blank, or the trace id too long
     */
    public void record(String traceId, String kind, String component, Map<String, ?> data) {
        if (options == null) {
            return;
        }
        if (sink != null) {
            Map<String, Object> tagged = new LinkedHashMap<>();
            tagged.put("tenant", tenant);
            if (data != null) {
                data.forEach(tagged::putIfAbsent);
            }
            sink.record(traceId, kind, component, tagged);
            return;
        }
        requireTraceId(traceId);
        String k = cut(requireText("kind", kind));
        String c = cut(requireText("component", component));
        Map<String, String> copy = copy(data);
        Instant now = Instant.now();
        synchronized (traces) {
            Buffer buffer = traces.remove(traceId);
            if (buffer == null) {
                buffer = new Buffer();
                evictOldest();
            }
            traces.put(traceId, buffer);
            if (buffer.breadcrumbs.size() >= options.maxBreadcrumbsPerTrace()) {
                buffer.breadcrumbs.removeFirst();
                buffer.dropped++;
            }
            buffer.breadcrumbs.addLast(new Breadcrumb(traceId, ++sequence, now, k, c, copy));
        }
    }

    /** The breadcrumbs of trace {@code traceId}, oldest first; empty if it has none (or was evicted). */
    public List<Breadcrumb> breadcrumbs(String traceId) {
        return trace(traceId).map(Trace::breadcrumbs).orElse(List.of());
    }

    /** The breadcrumbs of the trace of correlation (or stream) id {@code traceId}. */
    public List<Breadcrumb> breadcrumbs(UUID traceId) {
        return breadcrumbs(text(traceId));
    }

    /** A snapshot of trace {@code traceId}, or empty if the sink holds none by that id. */
    public Optional<Trace> trace(String traceId) {
        if (options == null || traceId == null) {
            return Optional.empty();
        }
        synchronized (traces) {
            Buffer buffer = traces.get(traceId);
            return buffer == null
                    ? Optional.empty()
                    : Optional.of(new Trace(traceId, new ArrayList<>(buffer.breadcrumbs), buffer.dropped));
        }
    }

    /** The ids of the traces held, the one recorded into least recently first. */
    public List<String> traceIds() {
        synchronized (traces) {
            return List.copyOf(traces.keySet());
        }
    }

    /**
     * Trace {@code traceId} as a Mermaid {@code sequenceDiagram}: one participant per component in order of first
     * appearance, and one message per breadcrumb, in order, from the previous breadcrumb's component to this one's
     * (the first from its own component). Labels read {@code kind: key=value, ...}; every character that Mermaid
     * could read as syntax is written as a Mermaid entity code ({@code #35;} for {@code #}), so no data can break
     * or extend the diagram.
     *
     * @throws IllegalArgumentException if the sink holds no breadcrumbs for {@code traceId}, saying whether tracing
     *     is disabled
     */
    public String mermaid(String traceId) {
        return MermaidDiagram.render(trace(traceId)
                .orElseThrow(() -> new IllegalArgumentException(
                        options == null
                                ? "Tracing is disabled, so there is no trace " + traceId
                                        + ": enable it with StoreBuilder.tracing(true)"
                                : "No breadcrumbs recorded for trace " + traceId
                                        + ": nothing ran under that id, or the trace was"
                                        + " evicted (the sink keeps the latest " + options.maxTraces() + " traces)")));
    }

    /** {@link #mermaid(String)} of the trace of correlation (or stream) id {@code traceId}. */
    public String mermaid(UUID traceId) {
        return mermaid(text(traceId));
    }

    /** Forgets every trace. */
    public void clear() {
        synchronized (traces) {
            traces.clear();
        }
    }

    /** Removes the least recently recorded traces so that one more fits. */
    private void evictOldest() {
        Iterator<String> oldest = traces.keySet().iterator();
        while (traces.size() >= options.maxTraces() && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    private static String text(UUID id) {
        if (id == null) {
            throw new IllegalArgumentException("A trace id must not be null");
        }
        return id.toString();
    }

    private static void requireTraceId(String traceId) {
        requireText("trace id", traceId);
        if (traceId.length() > MAX_TRACE_ID_LENGTH) {
            throw new IllegalArgumentException("A trace id has at most " + MAX_TRACE_ID_LENGTH + " characters, got "
                    + traceId.length() + " starting " + traceId.substring(0, 40));
        }
    }

    private static String requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A breadcrumb's " + what + " must not be blank, was "
                    + (value == null ? "null" : "\"" + value + "\""));
        }
        return value;
    }

    private static Map<String, String> copy(Map<String, ?> data) {
        if (data == null || data.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : data.entrySet()) {
            if (copy.size() == MAX_DATA_ENTRIES) {
                break;
            }
            copy.put(cut(String.valueOf(entry.getKey())), cut(String.valueOf(entry.getValue())));
        }
        return copy;
    }

    private static String cut(String text) {
        if (text.length() <= MAX_TEXT_LENGTH) {
            return text;
        }
        int end = MAX_TEXT_LENGTH - 3;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a character
        }
        return text.substring(0, end) + "...";
    }
}
