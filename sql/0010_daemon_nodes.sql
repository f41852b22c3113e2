-- The projection daemons running on this schema, one row per node, written by each node every third of its lease time
-- and deleted when it stops. A node counts the nodes seen within its lease time to know its fair share of the
-- projection leases (per tenant, with a schema per tenant), so that a node started later takes over part of the work
-- rather than standing by while the first node holds every lease. A row of a node that died is simply no longer
-- counted once it is older than the lease time. leases is a digest of the leases the node competes for (its
-- projections and served tenants): only nodes competing for the same leases share them evenly.
CREATE TABLE ${schema}.rf_daemon_nodes (
    node_id  text        PRIMARY KEY,
    leases   text        NOT NULL,
    seen_at  timestamptz NOT NULL
);
