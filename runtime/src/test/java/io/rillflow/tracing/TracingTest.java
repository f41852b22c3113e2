package io.rillflow.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.rillflow.ConcurrencyException;
import io.rillflow.RillflowException;
import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import io.rillflow.aggregates.CommandBus;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.annotations.ProjectionMode;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionHandler;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Breadcrumbs the store records for commands, appends and projections, on PostgreSQL. */
class TracingTest {
    private static final UUID CORRELATION = UUID.fromString("c0ffee00-0000-4000-8000-000000000001");

    /** A projection reading the account's events, refusing those {@code poison} matches. */
    private record Balances(ProjectionMode mode, Predicate<EventEnvelope> poison) implements ProjectionHandler {
        @Override
        public String name() {
            return "balances";
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of("Opened", "Deposited", "Withdrawn");
        }

        @Override
        public void apply(EventEnvelope event, ProjectionContext context) {
            if (poison.test(event)) {
                throw new IllegalStateException("cannot project " + event.type());
            }
        }
    }

    private static Store store(boolean tracing, ProjectionOptions options) {
        StoreBuilder builder = Account.register(TestDatabase.storeBuilder(TracingTest.class))
                .projectionOptions(options)
                .tracing(tracing);
        return builder.build();
    }

    private static Store tracedStore() {
        return store(true, ProjectionOptions.defaults());
    }

    private static CommandContext correlated(UUID correlation) {
        return CommandContext.empty().withCorrelationId(correlation);
    }

    @Test
    void aCorrelatedCommandTracesTheCommandItsAppendAndTheProjectionInOrder() {
        try (Store store = tracedStore()) {
            store.projections().register(new Balances(ProjectionMode.ASYNC, e -> false));
            Account.Repository accounts = new Account.Repository(store);
            UUID stream = accounts.streamId("acc-1");
            assertThat(stream).hasToString("7fd51eee-6659-51bd-8ea6-caf6fc251794");

            accounts.execute("acc-1", new Account.Open("ada", 10), correlated(CORRELATION));
            store.projections().runUntilIdle();

            assertThat(store.tracing().breadcrumbs(CORRELATION))
                    .extracting(Breadcrumb::kind, Breadcrumb::component)
                    .containsExactly(
                            tuple(Tracing.COMMAND, "aggregate account"),
                            tuple(Tracing.APPEND, "event store"),
                            tuple(Tracing.COMMAND, "aggregate account"),
                            tuple(Tracing.PROJECTION, "projection balances"),
                            tuple(Tracing.PROJECTION, "projection balances"));
            assertThat(store.tracing().mermaid(CORRELATION)).isEqualTo("""
                            sequenceDiagram
                                participant P1 as aggregate account
                                participant P2 as event store
                                participant P3 as projection balances
                                P1->>P1: command: type=Account.Open
                                P1->>P2: append: stream=7fd51eee-6659-51bd-8ea6-caf6fc251794, expected=no stream, events=2, \
                            types=Opened Deposited, outcome=ok, version=2, global=1..2
                                P2->>P1: command: outcome=committed, version=2, events=2, attempts=1
                                P1->>P3: projection: event=Opened, global=1, outcome=applied
                                P3->>P3: projection: event=Deposited, global=2, outcome=applied
                            """);
        }
    }

    @Test
    void commandsDispatchedThroughTheBusAreTracedIntoASinkWithTheBuildersBounds() {
        TraceOptions bounds = new TraceOptions(5, 2);
        try (Store store = Account.register(TestDatabase.storeBuilder(TracingTest.class))
                .aggregate(Account.DEFINITION)
                .tracing(bounds)
                .build()) {
            CommandBus bus = store.commandBus();

            bus.dispatch("acc-8", new Account.Open("gus", 1), correlated(CORRELATION));

            assertThat(store.tracing().options()).contains(bounds);
            Trace trace = store.tracing().trace(CORRELATION.toString()).orElseThrow();
            assertThat(trace.breadcrumbs())
                    .extracting(b -> b.kind() + " " + b.data().get("outcome"))
                    .containsExactly("append ok", "command committed");
            assertThat(trace.dropped()).isEqualTo(1);
        }
    }

    @Test
    void aConflictingAppendIsTracedWithTheRetryAndTheAttempts() {
        try (Store store = tracedStore()) {
            Account.Repository accounts = new Account.Repository(store);
            UUID stream = accounts.streamId("acc-2");
            accounts.execute("acc-2", new Account.Open("bob", 10), CommandContext.empty());
            AtomicBoolean interfere = new AtomicBoolean(true);
            accounts.beforeCommit(state -> {
                if (interfere.getAndSet(false)) {
                    store.events().append(stream, Expected.any(), List.of(new Account.Deposited(1)));
                }
            });

            accounts.execute("acc-2", new Account.Withdraw(4), correlated(CORRELATION));

            List<Breadcrumb> trace = store.tracing().breadcrumbs(CORRELATION);
            assertThat(trace)
                    .extracting(b -> b.kind() + " " + b.data().get("outcome"))
                    .containsExactly(
                            "command null", "append conflict", "command retrying", "append ok", "command committed");
            assertThat(trace.get(1).data())
                    .containsEntry("expected", "2")
                    .containsEntry("actual", "3")
                    .containsEntry("types", "Withdrawn");
            assertThat(trace.get(4).data()).containsEntry("version", "4").containsEntry("attempts", "2");
        }
    }

    @Test
    void aRejectedCommandIsTracedWithItsError() {
        try (Store store = tracedStore()) {
            Account.Repository accounts = new Account.Repository(store);
            assertThatThrownBy(() -> accounts.execute("acc-3", new Account.Withdraw(5), correlated(CORRELATION)))
                    .isInstanceOf(IllegalStateException.class);

            assertThat(store.tracing().breadcrumbs(CORRELATION))
                    .extracting(Breadcrumb::data)
                    .containsExactly(
                            Map.of("type", "Account.Withdraw"),
                            Map.of(
                                    "outcome",
                                    "rejected",
                                    "error",
                                    "IllegalStateException: Insufficient funds: balance 0; wanted 5",
                                    "attempts",
                                    "1"));
        }
    }

    @Test
    void withoutACorrelationIdTheStreamIsTheTrace() {
        try (Store store = tracedStore()) {
            store.projections().register(new Balances(ProjectionMode.ASYNC, e -> false));
            Account.Repository accounts = new Account.Repository(store);

            accounts.execute("acc-4", new Account.Open("cy", 1), CommandContext.empty());
            store.projections().runUntilIdle();

            assertThat(store.tracing().traceIds())
                    .containsExactly(accounts.streamId("acc-4").toString());
            assertThat(store.tracing().breadcrumbs(accounts.streamId("acc-4")))
                    .extracting(Breadcrumb::kind)
                    .containsExactly(
                            Tracing.COMMAND, Tracing.APPEND, Tracing.COMMAND, Tracing.PROJECTION, Tracing.PROJECTION);
        }
    }

    @Test
    void aDeadLetteredEventIsTraced() {
        try (Store store = store(true, ProjectionOptions.defaults().withMaxAttempts(1))) {
            store.projections()
                    .register(new Balances(ProjectionMode.ASYNC, e -> e.type().equals("Deposited")));
            Account.Repository accounts = new Account.Repository(store);

            accounts.execute("acc-5", new Account.Open("di", 3), correlated(CORRELATION));
            store.projections().runUntilIdle();

            List<Breadcrumb> projected = store.tracing().breadcrumbs(CORRELATION).stream()
                    .filter(b -> b.kind().equals(Tracing.PROJECTION))
                    .toList();
            assertThat(projected).extracting(b -> b.data().get("outcome")).containsExactly("applied", "dead-lettered");
            assertThat(projected.get(1).data())
                    .containsEntry("event", "Deposited")
                    .containsEntry("attempts", "1")
                    .containsEntry("error", "java.lang.IllegalStateException: cannot project Deposited");
        }
    }

    @Test
    void anInlineProjectionIsTracedInsideItsAppendAndAFailureRollsBoth() {
        try (Store store = tracedStore()) {
            store.projections()
                    .register(new Balances(ProjectionMode.INLINE, e -> e.type().equals("Withdrawn")));
            UUID stream = UUID.randomUUID();
            AppendOptions options = AppendOptions.none().withCorrelationId(CORRELATION);

            store.events().appendWith(stream, Expected.noStream(), List.of(new Account.Deposited(2)), options);
            assertThatThrownBy(() -> store.events()
                            .appendWith(stream, Expected.exact(1), List.of(new Account.Withdrawn(1)), options))
                    .isInstanceOf(RillflowException.class);

            assertThat(store.tracing().breadcrumbs(CORRELATION))
                    .extracting(b -> b.kind() + " " + b.data().get("outcome"))
                    .containsExactly("projection applied inline", "append ok", "projection failed", "append failed");
        }
    }

    @Test
    void disabledTracingRecordsNothing() {
        try (Store store = store(false, ProjectionOptions.defaults())) {
            store.projections().register(new Balances(ProjectionMode.ASYNC, e -> false));
            Account.Repository accounts = new Account.Repository(store);

            accounts.execute("acc-6", new Account.Open("ed", 1), correlated(CORRELATION));
            assertThatThrownBy(() -> accounts.execute("acc-6", new Account.Withdraw(9), correlated(CORRELATION)))
                    .isInstanceOf(IllegalStateException.class);
            store.projections().runUntilIdle();

            assertThat(store.tracing().enabled()).isFalse();
            assertThat(store.tracing()).isSameAs(Tracing.disabled());
            assertThat(store.tracing().traceIds()).isEmpty();
            assertThatThrownBy(() -> store.tracing().mermaid(CORRELATION))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Tracing is disabled");
        }
    }

    @Test
    void concurrencyExceptionsOfAnExhaustedCommandAreTracedAsAConflict() {
        try (Store store = tracedStore()) {
            Account.Repository accounts = new Account.Repository(store);
            UUID stream = accounts.streamId("acc-7");
            accounts.execute("acc-7", new Account.Open("fi", 10), CommandContext.empty());
            accounts.maxAttempts(1).beforeCommit(state -> store.events()
                    .append(stream, Expected.any(), List.of(new Account.Deposited(1))));

            assertThatThrownBy(() -> accounts.execute("acc-7", new Account.Withdraw(1), correlated(CORRELATION)))
                    .isInstanceOf(ConcurrencyException.class);

            assertThat(store.tracing().breadcrumbs(CORRELATION))
                    .extracting(b -> b.kind() + " " + b.data().get("outcome"))
                    .containsExactly("command null", "append conflict", "command conflict");
        }
    }
}
