package io.rillflow.events;

import java.util.Map;
import java.util.UUID;

/**
 * Metadata stored with every event of one append.
 *
 * @param headers free-form headers (request id, user, tenant...), stored as JSON; never null
 * @param causationId the id of what caused these events (a command, another event), or null
 * @param correlationId the id tying a whole conversation together, or null
 */
public record AppendOptions(Map<String, Object> headers, UUID causationId, UUID correlationId) {
    private static final AppendOptions NONE = new AppendOptions(Map.of(), null, null);

    /** Copies the headers; {@code null} headers mean none. */
    public AppendOptions {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** No headers, no causation or correlation. */
    public static AppendOptions none() {
        return NONE;
    }

    /** These options with {@code headers} instead. */
    public AppendOptions withHeaders(Map<String, Object> headers) {
        return new AppendOptions(headers, causationId, correlationId);
    }

    /** These options with {@code causationId} instead. */
    public AppendOptions withCausationId(UUID causationId) {
        return new AppendOptions(headers, causationId, correlationId);
    }

    /** These options with {@code correlationId} instead. */
    public AppendOptions withCorrelationId(UUID correlationId) {
        return new AppendOptions(headers, causationId, correlationId);
    }
}
