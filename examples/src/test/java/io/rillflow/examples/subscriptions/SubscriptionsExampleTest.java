package io.rillflow.examples.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The example end to end: two workers of a group, one outbox row per order, the group caught up. */
class SubscriptionsExampleTest {
    @Test
    void everyOrderGetsExactlyOneOutboxRow() throws Exception {
        try (Store store = SubscriptionsExample.configure(TestDatabase.storeBuilder(getClass()))
                .build()) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            SubscriptionsExample.run(store, 20, new PrintStream(text, true, StandardCharsets.UTF_8));
            String output = text.toString(StandardCharsets.UTF_8);
            assertThat(output).contains("Outbox rows: 20;").contains("lag 0, in flight 0");
        }
    }
}
