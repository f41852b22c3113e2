package io.rillflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickstartTest {

    @Test
    void secondRunFindsTheFirstRunsDataAndAddsOneOrder() {
        try (Store store = TestDatabase.storeBuilder(getClass())
                .eventType("OrderPlaced", Quickstart.OrderPlaced.class)
                .build()) {
            String first = run(store);
            assertThat(first)
                    .contains("Stored a new customer at version 1")
                    .contains("now version 2")
                    .contains("address.city = Berlin")
                    .contains("holds 1 event(s)")
                    .contains("order-1 total 42.50")
                    .contains("{\"source\":\"quickstart\"}")
                    .endsWith("Done." + System.lineSeparator());

            String second = run(store);
            assertThat(second)
                    .contains("Found from an earlier run: Customer[name=Ada, email=ada@example.com,"
                            + " tier=gold, address=Address[city=Berlin, country=null]] at version 2")
                    .contains("now version 3")
                    .contains("holds 2 event(s)")
                    .contains("order-2");
        }
    }

    private static String run(Store store) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Quickstart.run(store, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
