package io.rillflow.tenancy;

import io.rillflow.InvalidIdentifierException;
import io.rillflow.tenancy.internal.TenantIds;
import java.util.Objects;

/**
 * How a store separates tenants; set with {@code StoreBuilder.tenancy(...)}.
 *
 * <ul>
 *   <li>{@link #single()}, the default: one set of tables, no tenants; {@code store.forTenant(..)} is refused.
 *   <li>{@link #schemaPerTenant()}: each tenant's documents, events, streams and snapshots live in a schema of its own
 *       ({@code tenant_<id>} by default), all tenants sharing the store's connection pool. Every statement names the
 *       tenant's schema, so a pooled connection never carries a tenant from one call to the next.
 *   <li>{@link #conjoined()}: one set of tables shared by every tenant, with a {@code tenant_id} column in every key,
 *       so two tenants can use the same document or stream id. Every statement names its tenant in its text, so a
 *       pooled connection never carries a tenant either. The store the builder made is the tenant
 *       {@value Conjoined#DEFAULT_TENANT}, which holds the rows written before the schema became conjoined.
 * </ul>
 */
public sealed interface TenancyStrategy
        permits TenancyStrategy.Single, TenancyStrategy.SchemaPerTenant, TenancyStrategy.Conjoined {
    /** No tenants: today's single set of tables. */
    static Single single() {
        return new Single();
    }

    /**
     * One schema per tenant, named {@value SchemaPerTenant#DEFAULT_PATTERN} with the tenant id in place of
     * {@code {tenant}}; tenants must be provisioned with {@link Tenants#ensure} before use.
     */
    static SchemaPerTenant schemaPerTenant() {
        return new SchemaPerTenant(SchemaPerTenant.DEFAULT_PATTERN, false);
    }

    /**
     * One set of tables with a {@code tenant_id} column in every key; tenants must be provisioned with
     * {@link Tenants#ensure} before use. Switching an existing single-tenant schema to it keeps every row, as the rows
     * of the tenant {@value Conjoined#DEFAULT_TENANT}; switching back is refused.
     */
    static Conjoined conjoined() {
        return new Conjoined(false);
    }

    /** No tenants; see {@link TenancyStrategy#single()}. */
    record Single() implements TenancyStrategy {}

    /**
     * One schema per tenant.
     *
     * @param schemaPattern the tenant schema's name, {@code {tenant}} standing for the tenant id: it holds
     *     {@code {tenant}} once, plus at least one other character; the rest is lower-case letters, digits and
     *     underscores, and it starts with a letter other than a {@code pg_} prefix
     * @param autoProvision whether {@code forTenant} provisions a tenant it does not find (as
     *     {@link Tenants#ensure}) instead of throwing {@link io.rillflow.TenantNotFoundException}
     */
    record SchemaPerTenant(String schemaPattern, boolean autoProvision) implements TenancyStrategy {
        /** The default schema pattern. */
        public static final String DEFAULT_PATTERN = "tenant_" + TenantIds.PLACEHOLDER;

        /** @throws InvalidIdentifierException naming the rule the pattern breaks */
        public SchemaPerTenant {
            TenantIds.requirePattern(Objects.requireNonNull(schemaPattern, "schemaPattern"));
        }

        /** This strategy with tenant schemas named by {@code pattern}, e.g. {@code "acct_{tenant}"}. */
        public SchemaPerTenant withSchemaPattern(String pattern) {
            return new SchemaPerTenant(pattern, autoProvision);
        }

        /** This strategy, provisioning unknown tenants on first use if {@code enabled}. */
        public SchemaPerTenant withAutoProvision(boolean enabled) {
            return new SchemaPerTenant(schemaPattern, enabled);
        }

        /** The longest tenant id the pattern leaves room for in PostgreSQL's 63-character identifiers. */
        public int maxTenantLength() {
            return TenantIds.maxLength(schemaPattern);
        }

        /**
         * The schema of {@code tenant}.
         *
         * @throws InvalidIdentifierException if {@code tenant} is null, empty, too long, or has a character other than
         *     lower-case ASCII letters, digits and underscores, or does not start with a letter
         */
        public String schemaFor(String tenant) {
            return schemaPattern.replace(TenantIds.PLACEHOLDER, TenantIds.require(tenant, maxTenantLength()));
        }
    }

    /**
     * One set of tables shared by every tenant, a {@code tenant_id} column in every key.
     *
     * @param autoProvision whether {@code forTenant} provisions a tenant it does not find (as {@link Tenants#ensure})
     *     instead of throwing {@link io.rillflow.TenantNotFoundException}
     */
    record Conjoined(boolean autoProvision) implements TenancyStrategy {
        /**
         * The tenant of the store the builder made, and of every row written before the schema became conjoined. It
         * cannot be mistaken for a tenant id, which never holds {@code *}.
         */
        public static final String DEFAULT_TENANT = "*DEFAULT*";

        /**
         * The longest tenant id: short enough to fit a schema name under the default pattern of
         * {@link #schemaPerTenant()} and most others, so a store can move between the two strategies.
         */
        public static final int MAX_TENANT_LENGTH = 50;

        /** This strategy, provisioning unknown tenants on first use if {@code enabled}. */
        public Conjoined withAutoProvision(boolean enabled) {
            return new Conjoined(enabled);
        }

        /**
         * Checks a tenant id.
         *
         * @return {@code tenant}, unchanged
         * @throws InvalidIdentifierException if {@code tenant} is null, empty, longer than {@link #MAX_TENANT_LENGTH},
         *     or has a character other than lower-case ASCII letters, digits and underscores, or does not start with a
         *     letter
         */
        public String requireTenant(String tenant) {
            return TenantIds.require(tenant, MAX_TENANT_LENGTH);
        }
    }
}
