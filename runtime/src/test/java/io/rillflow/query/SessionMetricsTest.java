package io.rillflow.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rillflow.Store;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.sessions.DocumentSession;
import io.rillflow.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A session's writes feed the same document counters as single writes (tested here, where a declared document type
 * lives: sessions take only those).
 */
class SessionMetricsTest {
    @Test
    void sessionWritesAreCountedPerDocumentTypeWhenTheyChangeARow() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Store store =
                TestDatabase.storeBuilder(getClass()).meterRegistry(registry).build()) {
            DocumentCollection<Person, UUID> people = store.documents(TestRegistry.INDEXED_PERSON);
            Person ann = Person.named("ann");
            Person bob = Person.named("bob");
            people.put(ann.id(), ann);
            people.put(bob.id(), bob);

            try (DocumentSession session = store.openSession()) {
                session.delete(Person.class, ann.id());
                session.delete(Person.class, bob.id());
                session.delete(Person.class, UUID.randomUUID()); // nothing to delete: no row changes
                session.saveChanges();
            }

            assertThat(registry.get("rillflow.documents.writes")
                            .tag("document", "indexed_person")
                            .counter()
                            .count())
                    .isEqualTo(4);
            assertThat(people.get(ann.id())).isEmpty();
        }
    }
}
