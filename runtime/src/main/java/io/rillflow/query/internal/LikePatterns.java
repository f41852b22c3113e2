package io.rillflow.query.internal;

/** LIKE operands taken literally, for the typed paths and compiled statements alike. */
public final class LikePatterns {
    private LikePatterns() {}

    /** {@code text} with the LIKE wildcards {@code %}, {@code _} and the escape {@code \\} escaped. */
    public static String escape(String text) {
        if (text == null) {
            throw new IllegalArgumentException("A LIKE operand must not be null");
        }
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
