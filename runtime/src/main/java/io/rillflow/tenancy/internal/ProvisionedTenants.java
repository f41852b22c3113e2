package io.rillflow.tenancy.internal;

import io.rillflow.internal.Database;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants of a conjoined schema this store knows to be provisioned, checked before every call of a tenant's store
 * without a round trip. A tenant another store or node dropped is found within about {@link #RECHECK_NANOS} of the
 * drop: the first call after that interval starts a recheck of the known tenants on a thread of its own (one query;
 * the caller neither waits for it nor needs a second connection), which forgets those no longer provisioned, so that
 * their held stores refuse further calls rather than write rows under a dropped tenant's id.
 */
final class ProvisionedTenants {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisionedTenants.class);
    /** How old the knowledge that a tenant exists may get before a call checks it again: one second. */
    static final long RECHECK_NANOS = 1_000_000_000L;

    private final Database database;
    private final String stillThere;
    /** Each known tenant, with the time it was (last) known to be provisioned. */
    private final Map<String, Long> known = new ConcurrentHashMap<>();

    private final AtomicLong checkedAt = new AtomicLong(System.nanoTime());
    private final AtomicBoolean rechecking = new AtomicBoolean();

    ProvisionedTenants(Database database, String tenantsTable) {
        this.database = database;
        this.stillThere = "select tenant_id from " + tenantsTable + " where tenant_id = any(?)";
    }

    /** Whether {@code tenant} is known to be provisioned, rechecking every known tenant first when that is due. */
    boolean contains(String tenant) {
        long last = checkedAt.get();
        long now = System.nanoTime();
        // One recheck at a time: with the pool exhausted one may wait long for its connection.
        if (now - last > RECHECK_NANOS && checkedAt.compareAndSet(last, now) && rechecking.compareAndSet(false, true)) {
            Thread recheck = new Thread(this::recheck, "rillflow-tenant-recheck");
            recheck.setDaemon(true);
            recheck.start();
        }
        return known.containsKey(tenant);
    }

    void add(String tenant) {
        known.put(tenant, System.nanoTime());
    }

    void remove(String tenant) {
        known.remove(tenant);
    }

    private void recheck() {
        try {
            check();
        } finally {
            rechecking.set(false);
        }
    }

    private void check() {
        Map<String, Long> asked = Map.copyOf(known);
        if (asked.isEmpty()) {
            return;
        }
        try {
            Set<String> found = database.withConnection(stillThere, c -> {
                Set<String> there = new HashSet<>();
                Array tenants = c.createArrayOf("text", asked.keySet().toArray());
                try (PreparedStatement p = c.prepareStatement(stillThere)) {
                    p.setArray(1, tenants);
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            there.add(rs.getString(1));
                        }
                    }
                }
                return there;
            });
            for (Map.Entry<String, Long> tenant : asked.entrySet()) {
                // Only if not provisioned again since it was asked about.
                if (!found.contains(tenant.getKey()) && known.remove(tenant.getKey(), tenant.getValue())) {
                    LOG.info("Tenant {} was dropped elsewhere: its store refuses further calls", tenant.getKey());
                }
            }
        } catch (RuntimeException e) {
            // The call that follows reaches the database too, and says what is wrong.
            LOG.debug("Could not recheck the provisioned tenants: {}", e.toString());
        }
    }
}
