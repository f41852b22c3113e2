-- The ids of dropped tenants. A store of another node can write under a tenant's id in the moment before it learns
-- of the tenant's drop; those rows, invisible to every tenant, are deleted when the id is provisioned again, and only
-- then: an id never dropped is provisioned with one insert, without touching the other tables.
CREATE TABLE ${schema}.rf_dropped_tenants (
    tenant_id   text        PRIMARY KEY,
    dropped_at  timestamptz NOT NULL DEFAULT now()
);
