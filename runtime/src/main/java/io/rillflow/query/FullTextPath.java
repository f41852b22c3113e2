package io.rillflow.query;

import io.rillflow.sql.SqlType;

/** A string field with a full-text index ({@code @FullText}): adds {@link #search(String)}. */
public final class FullTextPath extends StringPath {
    private final String language;

    /** @param language a PostgreSQL text search configuration such as {@code english} */
    public FullTextPath(ObjectPath parent, String name, String language) {
        super(parent, name);
        if (language == null || !language.matches("[a-z_]+")) {
            throw new IllegalArgumentException("Invalid text search configuration \"" + language + "\"");
        }
        this.language = language;
    }

    /** The text search configuration. */
    public String language() {
        return language;
    }

    /** The {@code tsvector} expression that the full-text index is built on. */
    public String vectorExpression() {
        return "to_tsvector('" + language + "'::regconfig, coalesce(" + textExpression() + ", ''))";
    }

    /** Matches a web-search style query: words, {@code "quoted phrases"}, {@code or}, {@code -excluded}. */
    public Condition search(String query) {
        return sql -> {
            sql.append(vectorExpression())
                    .append(" @@ websearch_to_tsquery('")
                    .append(language)
                    .append("'::regconfig, ");
            sql.bind(SqlType.TEXT, query);
            sql.append(')');
        };
    }
}
