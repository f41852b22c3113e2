package io.rillflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TraceTourTest {
    private static final Pattern PARTICIPANT =
            Pattern.compile("    participant P\\d+ as (?:[\\p{L}\\p{N} _.]|#\\d+;)+");
    private static final Pattern MESSAGE =
            Pattern.compile("    P\\d+->>P\\d+: (?:[\\p{L}\\p{N} _.,:=/()\\[\\]'+\\-*!?@]|#\\d+;)+");

    @Test
    void printsTheTraceOfTheCommandsAsAValidMermaidSequenceDiagram() {
        String output;
        try (Store store = TestDatabase.storeBuilder(getClass()).tracing(true).build()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            TraceTour.run(store, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            output = bytes.toString(StandardCharsets.UTF_8);
        }
        assertThat(output).contains("rejected: Order is not open").contains("has 1 line(s)");

        String diagram = output.substring(output.indexOf("```mermaid\n") + 11, output.lastIndexOf("```"));
        List<String> lines = diagram.lines().toList();
        assertThat(lines.get(0)).isEqualTo("sequenceDiagram");
        assertThat(lines.subList(1, 4))
                .containsExactly(
                        "    participant P1 as aggregate order",
                        "    participant P2 as event store",
                        "    participant P3 as projection order_lines");
        assertThat(lines.subList(1, 4)).allSatisfy(line -> assertThat(line).matches(PARTICIPANT));
        List<String> messages = lines.subList(4, lines.size());
        assertThat(messages).allSatisfy(line -> assertThat(line).matches(MESSAGE));
        assertThat(messages)
                .filteredOn(line -> line.contains("command: outcome="))
                .extracting(line -> line.replaceAll(".*outcome=(\\w+).*", "$1"))
                .containsExactly("committed", "committed", "committed", "rejected");
        assertThat(messages).filteredOn(line -> line.contains("append: ")).hasSize(3);
        assertThat(messages)
                .filteredOn(line -> line.endsWith("outcome=applied"))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("->>P3: projection: event="));
    }
}
