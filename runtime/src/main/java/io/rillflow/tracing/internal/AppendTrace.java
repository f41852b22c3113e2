package io.rillflow.tracing.internal;

import io.rillflow.events.AppendOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.events.internal.AppendObserver;
import io.rillflow.events.internal.AppendRequest;
import io.rillflow.events.internal.EventTypes;
import io.rillflow.tracing.Tracing;
import java.util.UUID;

/** Records a breadcrumb of every append, committed or failed, into a store's tracing. */
public final class AppendTrace implements AppendObserver {
    private final Tracing tracing;
    private final EventTypes types;

    /** Names appended events with {@code types}, recording into {@code tracing}. */
    public AppendTrace(Tracing tracing, EventTypes types) {
        this.tracing = tracing;
        this.types = types;
    }

    @Override
    public boolean enabled() {
        return tracing.enabled();
    }

    @Override
    public void appended(AppendRequest request, AppendResult result) {
        TracePoints.appended(tracing, types, correlationId(request), request.expected(), request.events(), result);
    }

    @Override
    public void failed(AppendRequest request, RuntimeException failure) {
        TracePoints.appendFailed(
                tracing,
                types,
                request.streamId(),
                correlationId(request),
                request.expected(),
                request.events(),
                failure);
    }

    private static UUID correlationId(AppendRequest request) {
        AppendOptions options = request.options() != null ? request.options() : AppendOptions.none();
        return options.correlationId();
    }
}
