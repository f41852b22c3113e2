package io.rillflow.metrics.internal;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kind of a statement, the {@code kind} tag of {@code rillflow.query.duration}: its first keyword, or for a
 * {@code WITH} statement the first data-changing keyword after it (the store's appends are {@code with ... insert}).
 * A handful of values, so the timers stay few however many statements there are.
 */
enum StatementKind {
    SELECT,
    INSERT,
    UPDATE,
    DELETE,
    COPY,
    OTHER;

    /** Kinds of the statements seen so far; the store's statements are few and constant, so this stays small. */
    private static final Map<String, StatementKind> SEEN = new ConcurrentHashMap<>();

    private static final int MAX_SEEN = 2_000;

    final String tag = name().toLowerCase(Locale.ROOT);

    static StatementKind of(String sql) {
        StatementKind kind = SEEN.get(sql);
        if (kind == null) {
            kind = classify(sql);
            // Queries built at run time may each have their own text: stop remembering rather than grow without bound.
            if (SEEN.size() < MAX_SEEN) {
                SEEN.put(sql, kind);
            }
        }
        return kind;
    }

    static StatementKind classify(String sql) {
        String text = sql.stripLeading().toLowerCase(Locale.ROOT);
        while (text.startsWith("(")) {
            text = text.substring(1).stripLeading();
        }
        String first = text.split("[\\s(]", 2)[0];
        switch (first) {
            case "select", "values", "table", "show", "explain":
                return SELECT;
            case "insert":
                return INSERT;
            case "update":
                return UPDATE;
            case "delete":
                return DELETE;
            case "copy":
                return COPY;
            case "with":
                return changing(text);
            default:
                return OTHER;
        }
    }

    private static StatementKind changing(String text) {
        StatementKind found = SELECT;
        int first = Integer.MAX_VALUE;
        for (StatementKind kind : new StatementKind[] {INSERT, UPDATE, DELETE}) {
            int at = text.indexOf(kind.tag + " ");
            if (at >= 0 && at < first) {
                first = at;
                found = kind;
            }
        }
        return found;
    }
}
