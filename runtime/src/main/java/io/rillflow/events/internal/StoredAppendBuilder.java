package io.rillflow.events.internal;

import io.rillflow.events.AppendBuilder;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.events.Expected;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** The append builder of {@link EventStoreEngine}: gathers one {@link AppendRequest}. */
public final class StoredAppendBuilder implements AppendBuilder {
    private final EventStoreEngine store;
    private final UUID streamId;
    private final List<Object> events = new ArrayList<>();
    private Expected expected = Expected.any();
    private AppendOptions options = AppendOptions.none();
    private String idempotencyKey;
    private String streamType;
    private boolean lockStream;

    StoredAppendBuilder(EventStoreEngine store, UUID streamId) {
        this.store = store;
        this.streamId = streamId;
    }

    @Override
    public AppendBuilder expected(Expected expected) {
        this.expected = Objects.requireNonNull(expected, "expected");
        return this;
    }

    @Override
    public AppendBuilder idempotencyKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("An idempotency key must not be empty");
        }
        this.idempotencyKey = key;
        return this;
    }

    @Override
    public AppendBuilder headers(Map<String, Object> headers) {
        this.options = options.withHeaders(headers);
        return this;
    }

    @Override
    public AppendBuilder causationId(UUID causationId) {
        this.options = options.withCausationId(causationId);
        return this;
    }

    @Override
    public AppendBuilder correlationId(UUID correlationId) {
        this.options = options.withCorrelationId(correlationId);
        return this;
    }

    @Override
    public AppendBuilder streamType(String streamType) {
        this.streamType = streamType;
        return this;
    }

    @Override
    public AppendBuilder lockStream() {
        this.lockStream = true;
        return this;
    }

    @Override
    public AppendBuilder push(Object event) {
        events.add(Objects.requireNonNull(event, "event"));
        return this;
    }

    @Override
    public AppendBuilder pushAll(List<?> events) {
        events.forEach(this::push);
        return this;
    }

    @Override
    public AppendResult send() {
        return store.append(
                new AppendRequest(streamId, expected, events, options, idempotencyKey, streamType, lockStream));
    }
}
