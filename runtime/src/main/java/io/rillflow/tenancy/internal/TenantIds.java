package io.rillflow.tenancy.internal;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.internal.Identifiers;

/**
 * The rules for tenant ids and tenant schema patterns. A tenant id becomes part of a schema name, so it is checked
 * before any SQL is built: lower-case ASCII letters, digits and underscores, starting with a letter, short enough that
 * the schema name fits PostgreSQL's 63 characters (beyond them PostgreSQL truncates, merging distinct tenants). Upper
 * case is refused rather than folded, so {@code "Acme"} and {@code "acme"} can never name one schema by accident.
 */
public final class TenantIds {
    /** What a schema pattern holds in place of the tenant id. */
    public static final String PLACEHOLDER = "{tenant}";

    /** How much of a refused id a message repeats: a 10 kB id must not make a 10 kB message. */
    private static final int SHOWN = 40;

    private TenantIds() {}

    /**
     * Checks {@code tenant}.
     *
     * @return the tenant, unchanged
     * @throws InvalidIdentifierException naming what is wrong: null, empty, too long, or the first bad character
     */
    public static String require(String tenant, int maxLength) {
        if (tenant == null) {
            throw new InvalidIdentifierException("The tenant id must not be null");
        }
        if (tenant.isEmpty()) {
            throw new InvalidIdentifierException("The tenant id must not be empty");
        }
        if (tenant.length() > maxLength) {
            throw new InvalidIdentifierException("Invalid tenant id " + shown(tenant) + ": it has " + tenant.length()
                    + " characters, at most " + maxLength + " fit in the tenant's schema name");
        }
        for (int i = 0; i < tenant.length(); i++) {
            char c = tenant.charAt(i);
            boolean letter = c >= 'a' && c <= 'z';
            if (!letter && (i == 0 || !(c >= '0' && c <= '9') && c != '_')) {
                throw new InvalidIdentifierException("Invalid tenant id " + shown(tenant) + ": character "
                        + describe(tenant, i) + " at index " + i + " is not allowed; a tenant id is lower-case ASCII"
                        + " letters, digits and underscores, starting with a letter");
            }
        }
        return tenant;
    }

    /** The longest tenant id that {@code pattern} leaves room for. */
    public static int maxLength(String pattern) {
        return Identifiers.MAX_IDENTIFIER - (pattern.length() - PLACEHOLDER.length());
    }

    /** Checks a schema pattern; see {@code TenancyStrategy.SchemaPerTenant}. */
    public static void requirePattern(String pattern) {
        int at = pattern.indexOf(PLACEHOLDER);
        String fixed = pattern.replace(PLACEHOLDER, "");
        String problem = null;
        if (at < 0 || pattern.indexOf(PLACEHOLDER, at + 1) >= 0) {
            problem = "it must hold " + PLACEHOLDER + " exactly once";
        } else if (fixed.isEmpty()) {
            problem = "it needs a prefix or suffix besides " + PLACEHOLDER + ", so tenant schemas are told apart from"
                    + " other schemas";
        } else if (!fixed.matches("[a-z0-9_]*")
                || (at > 0 && !(pattern.charAt(0) >= 'a' && pattern.charAt(0) <= 'z'))) {
            problem = "the rest of it must be lower-case ASCII letters, digits and underscores, starting with a letter";
        } else if (pattern.startsWith("pg_")) {
            problem = "PostgreSQL reserves schema names starting with pg_";
        } else if (maxLength(pattern) < 8) {
            problem = "it leaves fewer than 8 characters for the tenant id within PostgreSQL's "
                    + Identifiers.MAX_IDENTIFIER + "-character names";
        }
        if (problem != null) {
            throw new InvalidIdentifierException("Invalid tenant schema pattern \"" + pattern + "\": " + problem);
        }
    }

    private static String shown(String tenant) {
        return tenant.length() <= SHOWN
                ? '"' + tenant + '"'
                : '"' + tenant.substring(0, SHOWN) + "\"... (" + tenant.length() + " characters)";
    }

    private static String describe(String tenant, int index) {
        int codePoint = tenant.codePointAt(index);
        return "'" + new String(Character.toChars(codePoint)) + "' (U+" + String.format("%04X", codePoint) + ")";
    }
}
