package io.rillflow.internal;

/** Escaping for PostgreSQL's COPY text format: tab separates columns, newline ends a row. */
public final class CopyText {
    private CopyText() {}

    /** Appends one row of {@code values} to {@code rows}, tab-separated with its newline; null is SQL NULL. */
    public static void appendRow(StringBuilder rows, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                rows.append('\t');
            }
            if (values[i] == null) {
                rows.append("\\N");
            } else {
                appendEscaped(rows, values[i]);
            }
        }
        rows.append('\n');
    }

    /** Appends {@code value} to {@code row} with backslash, tab, newline and carriage return escaped. */
    public static void appendEscaped(StringBuilder row, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
    }
}
