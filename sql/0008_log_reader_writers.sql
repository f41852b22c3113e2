-- Log readers wait only for the transactions that write events, not for every transaction in the cluster.
--
-- rf_log_horizon (0004) proved a drawn position final with an xid taken after it and a later snapshot whose xmin had
-- passed that xid: any open transaction with an xid, even one that never touches the store, held every reader back,
-- and each confirmation consumed an xid. rf_log_mark reads instead which transactions hold ROW EXCLUSIVE on
-- rf_events: every INSERT and COPY into the table takes that lock before it draws a global_seq and keeps it until
-- its transaction ends (the argument is in io.rillflow.events.internal.LogReader). Writers need no change, so
-- writers of every version, this one's and older ones during a rolling upgrade, are covered alike.
--
-- rf_log_horizon stays: readers of the previous version still call it during a rolling upgrade.

-- The sequence's last drawn value, then (when p_known is below it, or p_waiting) the virtual transaction ids of the
-- transactions that hold ROW EXCLUSIVE on rf_events, in that order: the function's statements run one after the
-- other. pg_locks is read once, as one set. Takes no xid.
CREATE FUNCTION ${schema}.rf_log_mark(p_known bigint, p_waiting boolean)
RETURNS TABLE (last_drawn bigint, writers text[])
LANGUAGE plpgsql AS $fn$
BEGIN
    last_drawn := coalesce(
        pg_sequence_last_value(pg_get_serial_sequence('${schema}.rf_events', 'global_seq')::regclass), 0);
    IF last_drawn > p_known OR p_waiting THEN
        writers := ARRAY(
            SELECT l.virtualtransaction FROM pg_locks l
            WHERE l.locktype = 'relation'
              AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
              AND l.relation = '${schema}.rf_events'::regclass
              AND l.mode = 'RowExclusiveLock'
              AND l.granted);
    END IF;
    RETURN NEXT;
END
$fn$;
