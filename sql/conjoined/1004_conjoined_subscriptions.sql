-- Conjoined subscriptions: the subscription tables of 0006 get the tenant column, first in every key, so two tenants
-- can each have a subscription, group and worker of the same name. Rows written before the schema became conjoined
-- belong to '*DEFAULT*', the tenant of the store the builder makes, whose subscriptions they were.
--
-- every_tenant marks a subscription of the default tenant's row that delivers every provisioned tenant's events over
-- the one log (subscribeEachTenant on a conjoined store) rather than the default tenant's own.

ALTER TABLE ${schema}.rf_subscription_workers
    DROP CONSTRAINT rf_subscription_workers_subscription_grp_fkey,
    DROP CONSTRAINT rf_subscription_workers_pkey;
ALTER TABLE ${schema}.rf_subscription_slots
    DROP CONSTRAINT rf_subscription_slots_subscription_grp_fkey,
    DROP CONSTRAINT rf_subscription_slots_pkey;
ALTER TABLE ${schema}.rf_subscription_groups
    DROP CONSTRAINT rf_subscription_groups_subscription_fkey,
    DROP CONSTRAINT rf_subscription_groups_pkey;
ALTER TABLE ${schema}.rf_subscriptions DROP CONSTRAINT rf_subscriptions_pkey;

ALTER TABLE ${schema}.rf_subscriptions
    ADD COLUMN tenant_id text NOT NULL DEFAULT '*DEFAULT*',
    ADD COLUMN every_tenant boolean NOT NULL DEFAULT false,
    ADD PRIMARY KEY (tenant_id, name);

ALTER TABLE ${schema}.rf_subscription_groups
    ADD COLUMN tenant_id text NOT NULL DEFAULT '*DEFAULT*',
    ADD PRIMARY KEY (tenant_id, subscription, name),
    ADD FOREIGN KEY (tenant_id, subscription) REFERENCES ${schema}.rf_subscriptions (tenant_id, name) ON DELETE CASCADE;

ALTER TABLE ${schema}.rf_subscription_slots
    ADD COLUMN tenant_id text NOT NULL DEFAULT '*DEFAULT*',
    ADD PRIMARY KEY (tenant_id, subscription, grp, slot),
    ADD FOREIGN KEY (tenant_id, subscription, grp)
        REFERENCES ${schema}.rf_subscription_groups (tenant_id, subscription, name) ON DELETE CASCADE;

ALTER TABLE ${schema}.rf_subscription_workers
    ADD COLUMN tenant_id text NOT NULL DEFAULT '*DEFAULT*',
    ADD PRIMARY KEY (tenant_id, subscription, grp, worker),
    ADD FOREIGN KEY (tenant_id, subscription, grp)
        REFERENCES ${schema}.rf_subscription_groups (tenant_id, subscription, name) ON DELETE CASCADE;
