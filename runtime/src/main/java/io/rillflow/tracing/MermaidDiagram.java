package io.rillflow.tracing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders a trace as a Mermaid {@code sequenceDiagram}. Participants get generated ids ({@code P1}, {@code P2}...)
 * and the component as their label; labels and message texts keep letters, digits, spaces and a few harmless
 * punctuation marks and write everything else as a Mermaid entity code ({@code #<code point>;}), which Mermaid
 * decodes only when drawing. So no data, whatever it holds ({@code ;}, {@code #}, {@code %%}, quotes, arrows,
 * newlines, HTML), can end a statement, start a new one or become markup.
 */
final class MermaidDiagram {
    /** Punctuation kept as is in message texts, which run to the end of the line. */
    private static final String TEXT_PUNCTUATION = " _.,:=/()[]'+-*!?@";

    /** Punctuation kept as is in participant labels, which Mermaid's lexer reads more strictly. */
    private static final String LABEL_PUNCTUATION = " _.";

    /** Messages longer than this many characters (before encoding) are cut, so a diagram stays drawable. */
    private static final int MAX_MESSAGE_LENGTH = 300;

    private MermaidDiagram() {}

    static String render(Trace trace) {
        Map<String, String> participants = new LinkedHashMap<>();
        for (Breadcrumb breadcrumb : trace.breadcrumbs()) {
            participants.computeIfAbsent(breadcrumb.component(), c -> "P" + (participants.size() + 1));
        }
        StringBuilder out = new StringBuilder("sequenceDiagram\n");
        participants.forEach((component, id) -> out.append("    participant ")
                .append(id)
                .append(" as ")
                .append(escape(component, LABEL_PUNCTUATION))
                .append('\n'));
        if (trace.dropped() > 0 && !participants.isEmpty()) {
            out.append("    Note over P1: ").append(trace.dropped()).append(" earlier breadcrumbs dropped\n");
        }
        String previous = null;
        for (Breadcrumb breadcrumb : trace.breadcrumbs()) {
            String to = participants.get(breadcrumb.component());
            out.append("    ")
                    .append(previous == null ? to : previous)
                    .append("->>")
                    .append(to)
                    .append(": ")
                    .append(escape(message(breadcrumb), TEXT_PUNCTUATION))
                    .append('\n');
            previous = to;
        }
        return out.toString();
    }

    /** {@code kind: key=value, key=value}, cut to {@link #MAX_MESSAGE_LENGTH}. */
    private static String message(Breadcrumb breadcrumb) {
        StringBuilder text = new StringBuilder(breadcrumb.kind());
        String separator = ": ";
        for (Map.Entry<String, String> entry : breadcrumb.data().entrySet()) {
            text.append(separator).append(entry.getKey()).append('=').append(entry.getValue());
            separator = ", ";
        }
        if (text.length() <= MAX_MESSAGE_LENGTH) {
            return text.toString();
        }
        int end = MAX_MESSAGE_LENGTH - 3;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    /**
     * Keeps letters, digits and {@code punctuation}; turns line breaks and tabs into spaces and every other character
     * into its entity code; other control characters and lone surrogates become the replacement character's code, as
     * their own codes are not valid in the SVG Mermaid draws.
     */
    static String escape(String text, String punctuation) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || (c < 128 && punctuation.indexOf(c) >= 0)) {
                out.appendCodePoint(c);
            } else if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) {
                out.append("#65533;");
            } else {
                out.append('#').append(c).append(';');
            }
        });
        return out.toString();
    }
}
