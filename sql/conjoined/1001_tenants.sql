-- A conjoined store's tenants: a tenant exists once provisioned here, so a write for a tenant nobody provisioned is
-- refused before it touches a table.
CREATE TABLE ${schema}.rf_tenants (
    tenant_id   text        PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now()
);
