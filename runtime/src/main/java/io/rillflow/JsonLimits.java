package io.rillflow;

/**
 * The limits on stored JSON, one set for writing and reading: the store's mapper reads with exactly these limits, and
 * a document, patch value, event or header that exceeds one is refused before any SQL runs, with a
 * {@link SerializationException} naming the document or event, the field and the limit. So what is written can always
 * be read back. Set them with {@link StoreBuilder#jsonLimits(JsonLimits)}; every store that reads the same data needs
 * limits at least as large as the one that wrote it.
 *
 * <p>The defaults are Jackson's own read limits, which guard against hostile input; raise one when a document really
 * holds longer text (a file's content) or longer numbers.
 *
 * @param maxStringLength the longest text value, in characters (default {@value #DEFAULT_MAX_STRING_LENGTH}); binary
 *     values count as their Base64 text
 * @param maxNumberLength the most digits in one number (default {@value #DEFAULT_MAX_NUMBER_LENGTH})
 * @param maxNestingDepth the deepest nesting of objects and arrays (default {@value #DEFAULT_MAX_NESTING_DEPTH})
 * @param maxNameLength the longest field name, in characters (default {@value #DEFAULT_MAX_NAME_LENGTH})
 */
public record JsonLimits(int maxStringLength, int maxNumberLength, int maxNestingDepth, int maxNameLength) {
    /** The default longest text value in characters: 20 million, Jackson's read default. */
    public static final int DEFAULT_MAX_STRING_LENGTH = 20_000_000;

    /** The default most digits in one number: 1,000, Jackson's read default. */
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 1_000;

    /** The default deepest nesting of objects and arrays: 1,000, Jackson's read and write default. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 1_000;

    /** The default longest field name in characters: 50,000, Jackson's read default. */
    public static final int DEFAULT_MAX_NAME_LENGTH = 50_000;

    private static final JsonLimits DEFAULTS = new JsonLimits(
            DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_NUMBER_LENGTH, DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_NAME_LENGTH);

    /**
     * Checks every limit is positive.
     *
     * @throws IllegalArgumentException naming the limit, if one is not positive
     */
    public JsonLimits {
        requirePositive("maxStringLength", maxStringLength);
        requirePositive("maxNumberLength", maxNumberLength);
        requirePositive("maxNestingDepth", maxNestingDepth);
        requirePositive("maxNameLength", maxNameLength);
    }

    /** The documented defaults. */
    public static JsonLimits defaults() {
        return DEFAULTS;
    }

    /** These limits with {@code maxStringLength} instead. */
    public JsonLimits withMaxStringLength(int maxStringLength) {
        return new JsonLimits(maxStringLength, maxNumberLength, maxNestingDepth, maxNameLength);
    }

    /** These limits with {@code maxNumberLength} instead. */
    public JsonLimits withMaxNumberLength(int maxNumberLength) {
        return new JsonLimits(maxStringLength, maxNumberLength, maxNestingDepth, maxNameLength);
    }

    /** These limits with {@code maxNestingDepth} instead. */
    public JsonLimits withMaxNestingDepth(int maxNestingDepth) {
        return new JsonLimits(maxStringLength, maxNumberLength, maxNestingDepth, maxNameLength);
    }

    /** These limits with {@code maxNameLength} instead. */
    public JsonLimits withMaxNameLength(int maxNameLength) {
        return new JsonLimits(maxStringLength, maxNumberLength, maxNestingDepth, maxNameLength);
    }

    private static void requirePositive(String limit, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("JsonLimits." + limit + " must be at least 1, was " + value);
        }
    }
}
