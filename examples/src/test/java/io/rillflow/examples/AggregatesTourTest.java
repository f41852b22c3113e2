package io.rillflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AggregatesTourTest {

    @Test
    void countersKeepCountingAcrossRunsAndTheOrderIsSubmittedOnce() {
        try (Store store = TestDatabase.store(getClass())) {
            String first = run(store);
            assertThat(first)
                    .contains("counter-1 = 1")
                    .contains("counter-2 = 2 at version 1")
                    .contains("is SUBMITTED, total 9.00")
                    .contains("rejected: Order is not open")
                    .contains("#3 OrderSubmitted by tour")
                    .endsWith("Done." + System.lineSeparator());

            String second = run(store);
            assertThat(second).contains("counter-1 = 2").contains("counter-2 = 4 at version 2");
        }
    }

    private static String run(Store store) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AggregatesTour.run(store, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
