package io.rillflow.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Mermaid export: its shape, and that no data can break or extend the diagram. */
class MermaidDiagramTest {
    /** A participant line: generated id, label of kept characters and entity codes only. */
    private static final Pattern PARTICIPANT =
            Pattern.compile("    participant P\\d+ as (?:[\\p{L}\\p{N} _.]|#\\d+;)+");

    /** A message line: generated ids, text of kept characters and entity codes only. */
    private static final Pattern MESSAGE =
            Pattern.compile("    P\\d+->>P\\d+: (?:[\\p{L}\\p{N} _.,:=/()\\[\\]'+\\-*!?@]|#\\d+;)+");

    private static final List<String> HOSTILE = List.of(
            "\"quoted\" 'single'",
            "a; b; participant X as Y",
            "line one\nline two\r\nP1->>P9: injected",
            "#35; #quot; # hash",
            "A-->>B: arrow --> -x --) ->>",
            "%%{init: {'theme': 'dark'}}%%",
            "%% comment",
            "<script>alert(1)</script> <br/> &amp;",
            "end\nloop forever\nalt x",
            "nul\u0000 bell\u0007 sep\u2028 rtl\u202e",
            "lone \ud800 surrogate, pair \ud83d\ude00",
            "wrap:text",
            "{}|\\`~^$");

    @Test
    void rendersOneParticipantPerComponentAndOneMessagePerBreadcrumbInOrder() {
        Tracing tracing = Tracing.inMemory(TraceOptions.defaults());
        tracing.record("t", "command", "aggregate order", Map.of("type", "Place"));
        tracing.record("t", "append", "event store", Map.of("version", 1));
        tracing.record("t", "command", "aggregate order", Map.of("outcome", "committed"));
        tracing.record("t", "projection", "projection totals", null);

        assertThat(tracing.mermaid("t")).isEqualTo("""
                        sequenceDiagram
                            participant P1 as aggregate order
                            participant P2 as event store
                            participant P3 as projection totals
                            P1->>P1: command: type=Place
                            P1->>P2: append: version=1
                            P2->>P1: command: outcome=committed
                            P1->>P3: projection
                        """);
    }

    @Test
    void hostileComponentsKindsAndDataCannotBreakOrExtendTheDiagram() {
        Tracing tracing = Tracing.inMemory(TraceOptions.defaults());
        for (String hostile : HOSTILE) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put(hostile, hostile);
            data.put("value", hostile);
            tracing.record("t", hostile, hostile, data);
            tracing.record("t", "step", "app", Map.of("v", hostile));
        }

        String diagram = tracing.mermaid("t");
        List<String> lines = diagram.lines().toList();
        assertThat(diagram).endsWith("\n");
        assertThat(lines.get(0)).isEqualTo("sequenceDiagram");
        int participants = HOSTILE.size() + 1;
        assertThat(lines.subList(1, 1 + participants))
                .allSatisfy(line -> assertThat(line).matches(PARTICIPANT));
        assertThat(lines.subList(1 + participants, lines.size()))
                .hasSize(2 * HOSTILE.size())
                .allSatisfy(line -> assertThat(line).matches(MESSAGE));
        assertThat(diagram).doesNotContain("%%", "-->", "<", "->>P9: injected", "\"", "\u0000", "\u2028");
        assertThat(diagram.replaceAll("#\\d+;", "")).doesNotContain("#", ";");
        assertThat(lines.get(1)).isEqualTo("    participant P1 as #34;quoted#34; #39;single#39;");
    }

    @Test
    void entityCodesStandForTheCharactersTheyReplace() {
        assertThat(MermaidDiagram.escape("a;b#c\"d>e", " ")).isEqualTo("a#59;b#35;c#34;d#62;e");
        assertThat(MermaidDiagram.escape("x\ny\u0001z", " ")).isEqualTo("x y#65533;z");
        assertThat(MermaidDiagram.escape("Müller \ud83d\ude00", " ")).isEqualTo("Müller #128512;");
    }
}
