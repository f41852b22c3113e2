package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** streams resolve, read and list against events and aliases the application wrote. */
class StreamsCommandTest {
    private static Store app;
    private static UUID order;

    @BeforeAll
    static void open() {
        app = TestDatabase.store(StreamsCommandTest.class);
        order = app.events().resolveStreamAlias("orders:1");
        app.events().resolveStreamAlias("orders:2");
        app.events().resolveStreamAlias("users:1");
        app.events().resolveStreamAlias("orders_%");
        List<Event> events = List.of(
                Event.of("OrderPlaced", Map.of("sku", "A-1", "qty", 2)),
                Event.of("OrderPaid", Map.of("amount", 10)),
                Event.of("OrderShipped", Map.of("carrier", "post")));
        app.events().append(order, Expected.noStream(), events);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void resolvePrintsTheRecordedStreamAndRecordsNothingNew() {
        Cli.Result table = Cli.on(app, "streams", "resolve", "orders:1");
        assertThat(table.exitCode()).isZero();
        assertThat(table.lines()).containsExactly("ALIAS     STREAM_ID", "orders:1  " + order);

        JsonNode json = Cli.on(app, "streams", "resolve", "orders:1", "--output=json")
                .json()
                .get(0);
        assertThat(json.get("stream_id").asText()).isEqualTo(order.toString());

        Cli.Result unknown = Cli.on(app, "streams", "resolve", "orders:3");
        assertThat(unknown.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(unknown.err())
                .isEqualTo("rillflow: No stream alias \"orders:3\" is recorded in schema " + app.schemaName() + "\n");
        assertThat(app.admin().streamAlias("orders:3")).isEmpty();

        String hostile = "orders:1' or '1'='1";
        assertThat(Cli.on(app, "streams", "resolve", hostile).exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(Cli.on(app, "streams", "list", "--prefix=" + hostile).lines())
                .containsExactly("ALIAS  STREAM_ID  VERSION  CREATED_AT");
    }

    @Test
    void readPrintsEventsFromAPositionWithALimit() {
        List<JsonNode> all = Cli.on(app, "streams", "read", order.toString(), "--output=json")
                .json();
        assertThat(all)
                .extracting(j -> j.get("type").asText())
                .containsExactly("OrderPlaced", "OrderPaid", "OrderShipped");
        assertThat(all.get(0).get("data").get("sku").asText()).isEqualTo("A-1");
        assertThat(all.get(0).get("stream_id").asText()).isEqualTo(order.toString());
        assertThat(all.get(0).get("stream_seq").asLong()).isEqualTo(1);

        Cli.Result page = Cli.on(app, "streams", "read", order.toString(), "--from=2", "--limit=1");
        assertThat(page.exitCode()).isZero();
        assertThat(page.lines()).hasSize(2);
        assertThat(page.lines().get(0)).startsWith("GLOBAL_SEQ").contains("STREAM_SEQ", "TYPE", "DATA");
        assertThat(page.lines().get(1)).contains(" 2 ", "OrderPaid", "{\"amount\":10}");
    }

    @Test
    void readRefusesAnUnknownStreamAndAMalformedIdOrRange() {
        UUID missing = UUID.randomUUID();
        Cli.Result unknown = Cli.on(app, "streams", "read", missing.toString());
        assertThat(unknown.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(unknown.err()).isEqualTo("rillflow: No stream " + missing + " in schema " + app.schemaName() + "\n");

        Cli.Result malformed = Cli.on(app, "streams", "read", "orders:1");
        assertThat(malformed.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(malformed.err()).contains("orders:1", "STREAM_ID").hasLineCount(1);

        Cli.Result badFrom = Cli.on(app, "streams", "read", order.toString(), "--from=0");
        assertThat(badFrom.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(badFrom.err()).isEqualTo("rillflow: --from must be 1 or more, was 0\n");
    }

    @Test
    void listFiltersByALiteralPrefix() {
        Cli.Result table = Cli.on(app, "streams", "list", "--prefix=orders:");
        assertThat(table.exitCode()).isZero();
        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().get(1)).startsWith("orders:1  " + order + "  3  ");

        List<JsonNode> literal = Cli.on(app, "streams", "list", "--prefix=orders_%", "--output=json")
                .json();
        assertThat(literal).extracting(j -> j.get("alias").asText()).containsExactly("orders_%");
        assertThat(literal.get(0).get("version").asLong()).isZero();

        List<JsonNode> limited =
                Cli.on(app, "streams", "list", "--limit=2", "-o", "json").json();
        assertThat(limited).extracting(j -> j.get("alias").asText()).containsExactly("orders:1", "orders:2");
    }
}
