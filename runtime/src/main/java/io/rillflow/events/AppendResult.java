package io.rillflow.events;

import java.util.UUID;

/**
 * What an append stored.
 *
 * @param streamId the stream
 * @param streamVersion the stream's version after the append: the stream_seq of its last event
 * @param firstGlobalSeq the global position of the first event appended
 * @param lastGlobalSeq the global position of the last event appended
 */
public record AppendResult(UUID streamId, long streamVersion, long firstGlobalSeq, long lastGlobalSeq) {}
