package io.rillflow.aggregates;

import io.rillflow.Store;

/** What the processor would generate for {@link Tally}. */
final class TallyRepository extends AggregateRepository<Tally, String> {
    TallyRepository(Store store) {
        super(store, Tally.DEFINITION);
    }

    TallyRepository(Store store, AggregateDefinition<Tally, String> definition) {
        super(store, definition);
    }
}
