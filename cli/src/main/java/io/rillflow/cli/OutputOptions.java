package io.rillflow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Option;

/**
 * {@code --output table|json} of a read command, and the printing of its rows: an aligned table for people, or one
 * JSON object per line for scripts. Field names are snake_case in both, and the same in every version.
 */
final class OutputOptions {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The two forms a read command prints. */
    enum Format {
        table,
        json
    }

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = {
                "table: aligned columns; json: one JSON object per line, snake_case fields (${COMPLETION-CANDIDATES}).",
                "Example: --output=json"
            })
    private Format format;

    /** One row: field names in order, with values that are text, numbers, booleans, JSON, times, ids or null. */
    static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    /** Prints {@code rows} with the given {@code columns} (the table's header even when there are no rows). */
    void print(PrintWriter out, List<String> columns, List<Map<String, Object>> rows) {
        if (format == Format.json) {
            for (Map<String, Object> row : rows) {
                out.println(json(row));
            }
        } else {
            table(out, columns, rows);
        }
        out.flush();
    }

    boolean json() {
        return format == Format.json;
    }

    private static String json(Map<String, Object> row) {
        Map<String, Object> values = new LinkedHashMap<>();
        row.forEach((name, value) -> values.put(name, value instanceof JsonNode ? value : plain(value)));
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot print " + row.keySet() + " as JSON", e);
        }
    }

    private static void table(PrintWriter out, List<String> columns, List<Map<String, Object>> rows) {
        List<String[]> lines = new ArrayList<>();
        lines.add(columns.stream().map(c -> c.toUpperCase(Locale.ROOT)).toArray(String[]::new));
        for (Map<String, Object> row : rows) {
            lines.add(columns.stream().map(c -> text(row.get(c))).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                text.append(line[i]);
                if (i < line.length - 1) {
                    text.append(" ".repeat(widths[i] - line[i].length() + 2));
                }
            }
            out.println(text);
        }
    }

    private static String text(Object value) {
        Object plain = plain(value);
        return plain == null ? "-" : plain.toString().replaceAll("\\R", " ");
    }

    /** Times as ISO-8601 text, durations as seconds, ids as text: the same in both forms. */
    private static Object plain(Object value) {
        if (value instanceof Instant || value instanceof UUID || value instanceof Enum<?>) {
            return value.toString();
        }
        if (value instanceof Duration d) {
            return d.toMillis() / 1000.0;
        }
        return value;
    }
}
