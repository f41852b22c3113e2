package io.rillflow.aggregates;

import io.rillflow.events.AppendOptions;
import io.rillflow.internal.NulCharacters;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Who sent a command and in which conversation, kept out of commands and events: it is stored with every event the
 * command produces, the actor and metadata as headers, the ids in the causation and correlation columns.
 *
 * @param actor who sent the command (user, service), or null; stored as the header {@code actor}
 * @param correlationId the id tying the whole conversation together, or null
 * @param causationId the id of what caused the command (a request, an event), or null
 * @param metadata further headers; never null, and never with the key {@code actor}
 * @param idempotencyKey a key identifying the command on its aggregate, or null: executing a command with a key
 *     that was used on the aggregate before writes nothing and throws {@link io.rillflow.IdempotencyConflictException}
 *     (for senders that may send a command twice, such as a process manager re-processing after a crash)
 */
public record CommandContext(
        String actor, UUID correlationId, UUID causationId, Map<String, Object> metadata, String idempotencyKey) {
    /** The header holding {@link #actor()}. */
    public static final String ACTOR_HEADER = "actor";

    private static final CommandContext EMPTY = new CommandContext(null, null, null, Map.of(), null);

    /** Copies the metadata; refuses an empty idempotency key and metadata that would overwrite the actor header. */
    public CommandContext {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        if (idempotencyKey != null && idempotencyKey.isEmpty()) {
            throw new IllegalArgumentException("An idempotency key must not be empty");
        }
        NulCharacters.requireNone("the idempotency key", idempotencyKey);
        NulCharacters.requireNone("the actor", actor);
        if (metadata.containsKey(ACTOR_HEADER)) {
            throw new IllegalArgumentException("Command metadata must not use the key \"" + ACTOR_HEADER
                    + "\", which holds the actor; use CommandContext.withActor(...)");
        }
    }

    /** No actor, ids or metadata. */
    public static CommandContext empty() {
        return EMPTY;
    }

    /** This context with {@code actor} instead. */
    public CommandContext withActor(String actor) {
        return new CommandContext(actor, correlationId, causationId, metadata, idempotencyKey);
    }

    /** This context with {@code correlationId} instead. */
    public CommandContext withCorrelationId(UUID correlationId) {
        return new CommandContext(actor, correlationId, causationId, metadata, idempotencyKey);
    }

    /** This context with {@code idempotencyKey} instead. */
    public CommandContext withIdempotencyKey(String idempotencyKey) {
        return new CommandContext(actor, correlationId, causationId, metadata, idempotencyKey);
    }

    /** This context with {@code causationId} instead. */
    public CommandContext withCausationId(UUID causationId) {
        return new CommandContext(actor, correlationId, causationId, metadata, idempotencyKey);
    }

    /** This context with one more metadata entry. */
    public CommandContext withMetadata(String key, Object value) {
        Map<String, Object> more = new HashMap<>(metadata);
        more.put(key, value);
        return new CommandContext(actor, correlationId, causationId, more, idempotencyKey);
    }

    /** What an append under this context stores with each event: the metadata and actor as headers, and the ids. */
    public AppendOptions appendOptions() {
        Map<String, Object> headers = new HashMap<>(metadata);
        if (actor != null) {
            headers.put(ACTOR_HEADER, actor);
        }
        return new AppendOptions(headers, causationId, correlationId);
    }
}
