package io.rillflow.events.internal;

import io.rillflow.events.AppendOptions;
import io.rillflow.events.Expected;
import java.util.List;
import java.util.UUID;

/** Everything one append writes; gathered by {@link EventStoreEngine} and {@link StoredAppendBuilder}. */
public record AppendRequest(
        UUID streamId,
        Expected expected,
        List<?> events,
        AppendOptions options,
        String idempotencyKey,
        String streamType,
        boolean lockStream) {}
