package io.rillflow.admin;

import java.time.Instant;
import java.util.UUID;

/**
 * A stream name recorded by {@code EventStore.resolveStreamAlias}.
 *
 * @param alias the name, such as {@code orders:42}
 * @param streamId the stream it names
 * @param version the stream's version, 0 when nothing was appended to it yet
 * @param createdAt when the alias was first resolved
 */
public record StreamAlias(String alias, UUID streamId, long version, Instant createdAt) {}
