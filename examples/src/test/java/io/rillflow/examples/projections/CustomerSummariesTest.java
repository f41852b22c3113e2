package io.rillflow.examples.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentNotFoundException;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.projections.ProjectionDefinition;
import io.rillflow.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The processor end to end for projections: {@link CustomerSummaries} compiled with it, its registry entry found by
 * the store, and its generated dispatch decoding stored events into the right {@code @On} methods on PostgreSQL.
 */
class CustomerSummariesTest {
    private Store store;

    @BeforeEach
    void open() {
        store = ProjectionsExample.configure(TestDatabase.storeBuilder(getClass()))
                .build();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void registryDeclaresTheProjection() {
        assertThat(store.projections().declared())
                .extracting(ProjectionDefinition::name, ProjectionDefinition::type)
                .contains(org.assertj.core.groups.Tuple.tuple("customer_summaries", CustomerSummaries.class));
    }

    @Test
    void generatedDispatchFoldsEachEventTypeIntoItsMethod() {
        store.projections().register(CustomerSummaries.class);
        UUID ada = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        store.events().append(ada, Expected.noStream(), List.of(new CustomerRegistered(ada, "Ada")));
        store.events().append(bob, Expected.noStream(), List.of(new CustomerRegistered(bob, "Bob")));
        long last = store.events()
                .append(
                        ada,
                        Expected.exact(1),
                        List.of(
                                new OrderPlaced(ada, new BigDecimal("12.50")),
                                // Not a type the projection reads: skipped (and never decoded).
                                Event.of("CouponIssued", Map.of("code", "X")),
                                new OrderPlaced(ada, new BigDecimal("7.50"))))
                .lastGlobalSeq();

        store.projections().runUntilIdle();

        var summaries = store.documents(CustomerSummary.class, UUID.class);
        assertThat(summaries.load(ada)).contains(new CustomerSummary(ada, "Ada", 2, new BigDecimal("20.00"), last));
        assertThat(summaries.load(bob).orElseThrow().orders()).isZero();
        assertThat(store.projections().status("customer_summaries").checkpoint())
                .isEqualTo(last);
    }

    @Test
    void rebuildClearsTheReadModelAndReplaysIt() {
        store.projections().register(CustomerSummaries.class);
        UUID ada = UUID.randomUUID();
        store.events().append(ada, Expected.noStream(), List.of(new CustomerRegistered(ada, "Ada")));
        store.projections().runUntilIdle();
        var summaries = store.documents(CustomerSummary.class, UUID.class);
        UUID stray = UUID.randomUUID();
        summaries.put(stray, new CustomerSummary(stray, "stray", 0, BigDecimal.ZERO, 0));
        UUID hidden = UUID.randomUUID();
        summaries.put(hidden, new CustomerSummary(hidden, "hidden", 0, BigDecimal.ZERO, 0));
        summaries.softDelete(hidden);

        store.projections().rebuild("customer_summaries");
        assertThat(summaries.query().count()).isZero();
        store.projections().runUntilIdle();

        assertThat(summaries.query().list()).extracting(CustomerSummary::name).containsExactly("Ada");
        assertThatThrownBy(() -> summaries.restore(hidden))
                .as("the rebuild emptied the table, soft-deleted documents included")
                .isInstanceOf(DocumentNotFoundException.class);
        assertThat(summaries.get(ada).orElseThrow().version())
                .as("Ada's summary was written afresh by the replay, not updated in place")
                .isEqualTo(1);
    }

    @Test
    void exampleRunsTheDaemonAndPrintsTheReadModel() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ProjectionsExample.run(store, new PrintStream(text, true, StandardCharsets.UTF_8));

        assertThat(text.toString(StandardCharsets.UTF_8))
                .contains("name=Ada, orders=2, spent=20.00")
                .contains("lag 0 events, dead letters 0");
    }
}
