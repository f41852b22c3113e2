package io.rillflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.UnknownEventTypeException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A stored event with all its metadata. The payload is kept as JSON and read into its registered class on demand
 * with {@link #event()}, so readers that only route or count events never pay for decoding.
 */
public interface EventEnvelope {
    /** The event's position in the whole store; grows with every append, with gaps where appends rolled back. */
    long globalSeq();

    /** The stream the event belongs to. */
    UUID streamId();

    /** The event's position in its stream: 1, 2, 3... without gaps. */
    long streamSeq();

    /** The stored type name. */
    String type();

    /** The event schema version it was written with. */
    int typeVersion();

    /** The payload as a JSON tree (parsed on each call; prefer {@link #event()} or {@link #as(Class)}). */
    JsonNode data();

    /** The payload as the JSON text that is stored (for an event not stored yet, as it will be stored). */
    String dataJson();

    /**
     * The headers given at append time, as a JSON object (empty if none). For one header, {@link #header(String)} and
     * {@link #header(String, Class)} read it without walking the tree.
     */
    JsonNode headers();

    /**
     * The header {@code name} as text: {@code envelope.header("actor")}. A string header is returned as it is, a
     * number or boolean as its JSON text ({@code 3}, {@code true}); it is the same as
     * {@code header(name, String.class)}.
     *
     * @return the value, or empty if the event has no such header or its value is JSON {@code null}
     * @throws io.rillflow.SerializationException naming the header and the event, if the value is an object or an
     *     array (read those with {@link #header(String, Class)})
     */
    default Optional<String> header(String name) {
        return header(name, String.class);
    }

    /**
     * The header {@code name} read as {@code type} with the store's JSON mapper, as event payloads are:
     * {@code header("attempt", Integer.class)}, {@code header("requestedBy", UUID.class)}, or a record for an
     * object-valued header.
     *
     * @return the value, or empty if the event has no such header or its value is JSON {@code null}
     * @throws io.rillflow.SerializationException naming the header, the event and {@code type}, if the value does not
     *     fit {@code type}
     */
    <T> Optional<T> header(String name, Class<T> type);

    /** What caused the event, or null. */
    UUID causationId();

    /** The correlation id of the conversation, or null. */
    UUID correlationId();

    /** When the event was stored (the appending transaction's time). */
    Instant createdAt();

    /**
     * The tenant that appended the event. On a store with {@code TenancyStrategy.conjoined()}, where every tenant's
     * events share one log: the tenant of events read through {@code store.forTenant(tenant)}, and of each event a
     * reader of every tenant's events hands out (a subscription of {@code subscribeEachTenant}, the projection daemon).
     * With {@code TenancyStrategy.schemaPerTenant()}: the tenant whose schema the event is in, for events read through
     * its store, applied by its inline and async projections, and delivered to its subscriptions. It is the id
     * {@code store.forTenant(..)} takes, so a handler can act as the event's tenant.
     *
     * @return the tenant; empty for the events of the store the builder made (the conjoined store's default tenant, the
     *     root schema of a store with a schema per tenant) and of a store without tenancy
     */
    default Optional<String> tenant() {
        return Optional.empty();
    }

    /**
     * The payload read as its registered class: events stored at an older version are upcast first, through the
     * store's {@code @Upcast} chain, to the version of the current class.
     *
     * @throws UnknownEventTypeException if no class is registered for the type, or no upcast chain reaches it (unless
     *     the store delivers unknown events as JSON, see {@code StoreBuilder.unknownEventsAsJson()})
     * @throws io.rillflow.SerializationException if the JSON does not fit the class
     */
    Object event();

    /**
     * The payload read as {@code type}; if {@code type} is registered for a later version of this event, the stored
     * JSON is upcast to that version first.
     */
    <T> T as(Class<T> type);
}
