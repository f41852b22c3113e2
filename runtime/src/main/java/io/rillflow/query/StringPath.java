package io.rillflow.query;

import io.rillflow.query.internal.LikePatterns;
import io.rillflow.sql.SqlFragments;
import io.rillflow.sql.SqlType;

/** A string field (also UUIDs stored as strings through {@link UuidPath}). */
public class StringPath extends ComparablePath<String> {
    /** See {@link Path#Path(ObjectPath, String, SqlType)}. */
    public StringPath(ObjectPath parent, String name) {
        super(parent, name, SqlType.TEXT);
    }

    /** A {@link Meta} column of type {@code text}. */
    StringPath(String column) {
        super(column, SqlType.TEXT);
    }

    /** SQL {@code LIKE} with {@code %} and {@code _} wildcards, case-sensitive. */
    public Condition like(String pattern) {
        return compare("like", pattern);
    }

    /** SQL {@code ILIKE}: {@code LIKE} ignoring case. */
    public Condition ilike(String pattern) {
        return compare("ilike", pattern);
    }

    /** Starts with {@code prefix} taken literally (wildcards in it are escaped). */
    public Condition startsWith(String prefix) {
        return compare("like", LikePatterns.escape(prefix) + "%");
    }

    /** Ends with {@code suffix} taken literally. */
    public Condition endsWith(String suffix) {
        return compare("like", "%" + LikePatterns.escape(suffix));
    }

    /** Contains {@code part} taken literally. */
    public Condition containsText(String part) {
        return compare("like", "%" + LikePatterns.escape(part) + "%");
    }

    /** Matches the POSIX regular expression {@code regex} (PostgreSQL's {@code ~}). */
    public Condition regex(String regex) {
        return compare("~", regex);
    }

    /** Equal to {@code value} ignoring case. */
    public Condition eqIgnoreCase(String value) {
        return sql ->
                sql.append(SqlFragments.equalsIgnoreCase(textExpression())).param(SqlType.TEXT, value);
    }
}
