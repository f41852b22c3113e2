package io.rillflow.events;

import java.util.List;
import java.util.UUID;

/** Everything one append writes; built by {@link EventStore} and {@link AppendBuilder}. */
record AppendRequest(
        UUID streamId,
        Expected expected,
        List<?> events,
        AppendOptions options,
        String idempotencyKey,
        String streamType,
        boolean lockStream) {}
