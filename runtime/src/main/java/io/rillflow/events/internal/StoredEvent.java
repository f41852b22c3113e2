package io.rillflow.events.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.events.EventEnvelope;
import io.rillflow.internal.JsonCodec;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** An event as read from {@code rf_events}, or about to be appended, decoded on demand. */
public final class StoredEvent implements EventEnvelope {
    private final long globalSeq;
    private final UUID streamId;
    private final long streamSeq;
    private final String type;
    private final int typeVersion;
    private final String dataJson;
    private final String headersJson;
    private final UUID causationId;
    private final UUID correlationId;
    private final Instant createdAt;
    /** The conjoined tenant that appended it, or null (see {@link EventEnvelope#tenant()}). */
    private final String tenant;

    private final EventTypes types;
    private final JsonCodec json;
    /**
     * The event object of an envelope built before the event was stored, whose JSON is written only if asked for;
     * null for stored events.
     */
    private final Object pending;

    /** An event about to be appended ({@code pending}), or a stored one ({@code pending} null). */
    StoredEvent(
            long globalSeq,
            UUID streamId,
            long streamSeq,
            String type,
            int typeVersion,
            String dataJson,
            String headersJson,
            UUID causationId,
            UUID correlationId,
            Instant createdAt,
            String tenant,
            EventTypes types,
            JsonCodec json,
            Object pending) {
        this.globalSeq = globalSeq;
        this.streamId = streamId;
        this.streamSeq = streamSeq;
        this.type = type;
        this.typeVersion = typeVersion;
        this.dataJson = dataJson;
        this.headersJson = headersJson;
        this.causationId = causationId;
        this.correlationId = correlationId;
        this.createdAt = createdAt;
        this.tenant = tenant;
        this.types = types;
        this.json = json;
        this.pending = pending;
    }

    @Override
    public long globalSeq() {
        return globalSeq;
    }

    @Override
    public UUID streamId() {
        return streamId;
    }

    @Override
    public long streamSeq() {
        return streamSeq;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public int typeVersion() {
        return typeVersion;
    }

    @Override
    public JsonNode data() {
        return json.parse(dataJson(), this::describe);
    }

    @Override
    public String dataJson() {
        return dataJson != null ? dataJson : json.write(pending, this::describe);
    }

    @Override
    public JsonNode headers() {
        return json.parse(headersJson, () -> "the headers of " + describe());
    }

    @Override
    public <T> Optional<T> header(String name, Class<T> type) {
        Objects.requireNonNull(name, "name: the header to read");
        Objects.requireNonNull(type, "type: the class to read the header as");
        JsonNode value = headers().get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(json.read(value, type, () -> "header \"" + name + "\" of " + describe()));
    }

    @Override
    public UUID causationId() {
        return causationId;
    }

    @Override
    public UUID correlationId() {
        return correlationId;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }

    @Override
    public Object event() {
        if (pending != null) {
            return pending;
        }
        return types.decode(type, typeVersion, dataJson, json, this::describe);
    }

    @Override
    public <T> T as(Class<T> type) {
        return types.decodeAs(type, this.type, typeVersion, dataJson(), json, this::describe);
    }

    private String describe() {
        return "event " + globalSeq + " (" + type + ") of stream " + streamId;
    }

    @Override
    public String toString() {
        return "EventEnvelope{" + type + " v" + typeVersion + " #" + globalSeq + " " + streamId + "@" + streamSeq + "}";
    }
}
