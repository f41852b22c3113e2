package io.rillflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.UnknownEventTypeException;
import io.rillflow.internal.JsonCodec;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored event with all its metadata. The payload is kept as JSON and read into its registered class on demand
 * with {@link #event()}, so readers that only route or count events never pay for decoding.
 */
public final class EventEnvelope {
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
    private final EventTypes types;
    private final JsonCodec json;
    /**
     * The event object of an envelope built before the event was stored, whose JSON is written only if asked for;
     * null for stored events.
     */
    private final Object pending;

    /** A stored event, as read from {@code rf_events}. */
    EventEnvelope(
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
            EventTypes types,
            JsonCodec json) {
        this(
                globalSeq,
                streamId,
                streamSeq,
                type,
                typeVersion,
                dataJson,
                headersJson,
                causationId,
                correlationId,
                createdAt,
                types,
                json,
                null);
    }

    /** An event about to be appended ({@code pending}), or a stored one ({@code pending} null). */
    EventEnvelope(
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
        this.types = types;
        this.json = json;
        this.pending = pending;
    }

    /** The event's position in the whole store; grows with every append, with gaps where appends rolled back. */
    public long globalSeq() {
        return globalSeq;
    }

    /** The stream the event belongs to. */
    public UUID streamId() {
        return streamId;
    }

    /** The event's position in its stream: 1, 2, 3... without gaps. */
    public long streamSeq() {
        return streamSeq;
    }

    /** The stored type name. */
    public String type() {
        return type;
    }

    /** The event schema version it was written with. */
    public int typeVersion() {
        return typeVersion;
    }

    /** The payload as a JSON tree (parsed on each call; prefer {@link #event()} or {@link #as(Class)}). */
    public JsonNode data() {
        return json.parse(dataJson(), this::describe);
    }

    /** The payload as the JSON text that is stored (for an event not stored yet, as it will be stored). */
    public String dataJson() {
        return dataJson != null ? dataJson : json.write(pending, this::describe);
    }

    /** The headers given at append time, as a JSON object (empty if none). */
    public JsonNode headers() {
        return json.parse(headersJson, () -> "the headers of " + describe());
    }

    /** What caused the event, or null. */
    public UUID causationId() {
        return causationId;
    }

    /** The correlation id of the conversation, or null. */
    public UUID correlationId() {
        return correlationId;
    }

    /** When the event was stored (the appending transaction's time). */
    public Instant createdAt() {
        return createdAt;
    }

    /**
     * The payload read as its registered class: events stored at an older version are upcast first, through the
     * store's {@code @Upcast} chain, to the version of the current class.
     *
     * @throws UnknownEventTypeException if no class is registered for the type, or no upcast chain reaches it (unless
     *     the store delivers unknown events as JSON, see {@code StoreBuilder.unknownEventsAsJson()})
     * @throws io.rillflow.SerializationException if the JSON does not fit the class
     */
    public Object event() {
        if (pending != null) {
            return pending;
        }
        return types.decode(type, typeVersion, dataJson, json, this::describe);
    }

    /**
     * The payload read as {@code type}; if {@code type} is registered for a later version of this event, the stored
     * JSON is upcast to that version first.
     */
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
