package io.rillflow.aggregates;

import io.rillflow.events.EventEnvelope;
import java.util.ArrayList;
import java.util.List;

/**
 * A mutable test aggregate with a hand-written definition shaped like the generated one: a switch on the event type
 * name for evolve, a type test per command for decide.
 */
final class Tally {
    record Add(String commandId, int by) {}

    record Noop() {}

    record Added(String commandId, int by) {}

    private long total;
    private final List<String> applied = new ArrayList<>();
    private String lastActor;

    static final AggregateDefinition<Tally, String> DEFINITION = definition("tally", "shape-1", 1);

    static AggregateDefinition<Tally, String> definition(String name, String shape, int snapshotVersion) {
        return new AggregateDefinition<>(
                name,
                Tally.class,
                String.class,
                snapshotVersion,
                shape,
                Tally::new,
                Tally::evolve,
                Tally::decide,
                List.of(Add.class, Noop.class));
    }

    private static Tally evolve(Tally state, EventEnvelope event) {
        switch (event.type()) {
            case "Added" -> state.on((Added) event.event(), event);
            default -> {}
        }
        return state;
    }

    private static List<?> decide(Tally state, String id, Object command, CommandContext context) {
        if (command instanceof Add c) {
            return state.handle(c);
        }
        if (command instanceof Noop) {
            return List.of();
        }
        throw new IllegalArgumentException(
                "Tally handles no " + command.getClass().getName());
    }

    List<Object> handle(Add command) {
        if (command.by() < 0) {
            throw new IllegalStateException("A tally only grows");
        }
        return List.of(new Added(command.commandId(), command.by()));
    }

    void on(Added event, EventEnvelope meta) {
        total += event.by();
        applied.add(event.commandId());
        lastActor = meta.headers().path("actor").asText(null);
    }

    long total() {
        return total;
    }

    List<String> applied() {
        return applied;
    }

    String lastActor() {
        return lastActor;
    }
}
