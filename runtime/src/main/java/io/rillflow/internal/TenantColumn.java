package io.rillflow.internal;

import io.rillflow.tenancy.TenancyStrategy;
import java.util.regex.Pattern;

/**
 * The tenant of a store's statements under conjoined tenancy, or {@link #NONE} when the store's tables have no tenant
 * column (single tenancy, or a schema per tenant, where the schema is the tenant).
 *
 * <p>The tenant is written into the statement text as a literal, never bound or taken from a session setting, for the
 * same reason schemas are named in the text: a pooled connection can then never carry one tenant into the next call,
 * and each tenant's statements are separate prepared statements with plans of their own. A literal is safe because
 * tenant ids are checked before any statement is built ({@code [a-z][a-z0-9_]*}, or {@link #DEFAULT}).
 *
 * @param tenant the tenant id, or null for no tenant column
 */
public record TenantColumn(String tenant) {
    /** The column's name in every table of a conjoined schema. */
    public static final String NAME = "tenant_id";

    /** No tenant column: statements are what they are without tenancy. */
    public static final TenantColumn NONE = new TenantColumn(null);

    /** The tenant of a conjoined store the builder made, and of the rows written before the schema was conjoined. */
    public static final TenantColumn DEFAULT = new TenantColumn(TenancyStrategy.Conjoined.DEFAULT_TENANT);

    /**
     * The ids {@code TenancyStrategy.Conjoined.requireTenant} accepts. Checked again here, where the id becomes SQL
     * text, without calling into the tenancy package (which depends on this one): callers check ids first, with the
     * user-facing message, so a failure here is a bug.
     */
    private static final Pattern ID =
            Pattern.compile("[a-z][a-z0-9_]{0," + (TenancyStrategy.Conjoined.MAX_TENANT_LENGTH - 1) + "}");

    public TenantColumn {
        if (tenant != null
                && !tenant.equals(TenancyStrategy.Conjoined.DEFAULT_TENANT)
                && !ID.matcher(tenant).matches()) {
            throw new IllegalArgumentException("Not a checked tenant id: \"" + tenant + "\"");
        }
    }

    /** Whether the tables have a tenant column, i.e. whether the store is conjoined. */
    public boolean present() {
        return tenant != null;
    }

    /** The tenant as an SQL string literal, e.g. {@code 'acme'}. */
    public String literal() {
        requirePresent();
        return "'" + tenant + "'";
    }

    /** {@code tenant_id = 'acme'}; for a statement's where clause. */
    public String predicate() {
        return NAME + " = " + literal();
    }

    /** {@code alias.tenant_id = 'acme'}, for a statement joining tables. */
    public String predicate(String alias) {
        return alias + "." + predicate();
    }

    /** {@code "tenant_id = 'acme' and "}, or nothing without a tenant column: to put in front of other conditions. */
    public String andPrefix() {
        return present() ? predicate() + " and " : "";
    }

    /** {@code " and tenant_id = 'acme'"}, or nothing without a tenant column: to put after other conditions. */
    public String andSuffix() {
        return present() ? " and " + predicate() : "";
    }

    /** {@code "tenant_id, "}, or nothing: the first column of every key and of column lists of inserts. */
    public String keyPrefix() {
        return present() ? NAME + ", " : "";
    }

    /** {@code "'acme', "}, or nothing: the value of {@link #keyPrefix()} in an insert's values. */
    public String valuePrefix() {
        return present() ? literal() + ", " : "";
    }

    /**
     * {@code "tenant_id text not null default '*DEFAULT*', "}, or nothing: the column's definition in a table created
     * by a declaration (a document table), the default keeping rows that predate the tenancy in the default tenant.
     */
    public String columnDefinition() {
        return present() ? NAME + " text not null default " + DEFAULT.literal() + ", " : "";
    }

    private void requirePresent() {
        if (tenant == null) {
            throw new IllegalStateException("This store's tables have no tenant column");
        }
    }
}
