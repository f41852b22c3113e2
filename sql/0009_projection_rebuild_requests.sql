-- A rebuild requested from outside the application (the rillflow command, store.admin()), which has no handler to run
-- the projection's rebuild hook. The node holding the projection's lease sees the request at its next tick, rebuilds
-- (rebuild hook, checkpoint 0, dead letters dropped) and clears it in the rebuild's transaction. Null: none pending.
ALTER TABLE ${schema}.rf_projections ADD COLUMN rebuild_requested_at timestamptz;
