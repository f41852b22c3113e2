package io.rillflow.internal;

import io.rillflow.InvalidIdentifierException;
import java.util.List;
import java.util.regex.Pattern;

/** Validation and quoting for every name that reaches SQL text. Values never do: they are bound parameters. */
public final class Identifiers {
    /** PostgreSQL truncates identifiers beyond 63 bytes, which would silently merge distinct names. */
    public static final int MAX_IDENTIFIER = 63;

    private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$\\-]*|[0-9]+");

    private Identifiers() {}

    /**
     * Checks a schema or table name.
     *
     * @param kind what the name is, for the message ("schema", "document table")
     * @return the name, unchanged
     */
    public static String requireSqlName(String kind, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidIdentifierException("The " + kind + " name must not be empty");
        }
        if (name.length() > MAX_IDENTIFIER || !SQL_NAME.matcher(name).matches()) {
            throw new InvalidIdentifierException("Invalid " + kind + " name \"" + name + "\": use letters, digits and"
                    + " underscores, starting with a letter or underscore, at most " + MAX_IDENTIFIER + " characters");
        }
        return name;
    }

    /**
     * The name of the partition of conjoined table (or index) {@code name} that holds {@code tenant}'s rows alone:
     * {@code <name>_t_<tenant>}, shortened as {@link #fit} does.
     */
    public static String tenantPartitionName(String name, String tenant) {
        return fit(name + "_t_" + tenant);
    }

    /** The name of the partition of {@code name} that holds the rows of every tenant without one of its own. */
    public static String defaultPartitionName(String name) {
        return fit(name + "_default");
    }

    /**
     * {@code name}, or, past PostgreSQL's 63 bytes (which it would cut silently, merging two names that differ only
     * further on), its first 54 characters and 8 hex digits of a hash of the whole. Names here are ASCII.
     */
    static String fit(String name) {
        if (name.length() <= MAX_IDENTIFIER) {
            return name;
        }
        return name.substring(0, MAX_IDENTIFIER - 9) + "_" + Sha256.hex(name).substring(0, 8);
    }

    /** A double-quoted identifier; only call with names that passed {@link #requireSqlName}. */
    public static String quote(String name) {
        return '"' + name + '"';
    }

    /**
     * Splits and checks a dotted document field path such as {@code address.city} or {@code lines.0.sku}.
     *
     * @return the path's segments, for binding as a {@code text[]} parameter
     */
    public static List<String> fieldPath(String path) {
        if (path == null || path.isEmpty()) {
            throw new InvalidIdentifierException("The field path must not be empty");
        }
        String[] segments = path.split("\\.", -1);
        for (String segment : segments) {
            if (!PATH_SEGMENT.matcher(segment).matches()) {
                throw new InvalidIdentifierException("Invalid field path \"" + path + "\": each dot-separated part"
                        + " must be a field name (letters, digits, _, $, -) or an array index, e.g. address.city");
            }
        }
        return List.of(segments);
    }
}
