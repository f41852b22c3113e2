package io.rillflow.internal;

/**
 * Refuses the NUL character ({@code \u0000}) in text that becomes a PostgreSQL {@code text} value: the server rejects
 * it with "invalid byte sequence for encoding UTF8" and a parameter number, which names neither the argument nor the
 * value. Checking before the statement names both.
 */
public final class NulCharacters {
    private NulCharacters() {}

    /**
     * Returns {@code value}, or throws if it holds a NUL character.
     *
     * @param argument what the value is, for the message ("the idempotency key")
     * @throws IllegalArgumentException naming {@code argument} and the NUL's position
     */
    public static String requireNone(String argument, String value) {
        int at = value == null ? -1 : value.indexOf('\u0000');
        if (at >= 0) {
            throw new IllegalArgumentException(capitalized(argument) + " holds the NUL character (\\u0000) at index "
                    + at + ", which PostgreSQL cannot store in text: remove it or encode it");
        }
        return value;
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
