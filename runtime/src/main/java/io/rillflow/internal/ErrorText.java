package io.rillflow.internal;

/** An exception as one line of text to store in a status row: types and messages of it and its causes. */
public final class ErrorText {
    private ErrorText() {}

    /** The exception's type and message, then its causes', cut at {@code max} characters. */
    public static String describe(Throwable error, int max) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && text.length() < max; t = t.getCause()) {
            if (text.length() > 0) {
                text.append(" <- caused by ");
            }
            text.append(t.getClass().getName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return text.length() > max ? text.substring(0, max) : text.toString();
    }
}
