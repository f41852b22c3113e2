package io.rillflow.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A stream: its row in {@code rf_streams} and what its last event says.
 *
 * @param id the stream id
 * @param type the stream type given at its first append, or null
 * @param version the number of events in the stream: the {@code stream_seq} of its last event
 * @param archived whether the stream is archived
 * @param createdAt when its first event was appended
 * @param updatedAt when its last event was appended
 */
public record StreamInfo(UUID id, String type, long version, boolean archived, Instant createdAt, Instant updatedAt) {}
