package io.rillflow.tenancy.internal;

import io.rillflow.internal.Database;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants of a conjoined schema this store knows to be provisioned, checked before every call of a tenant's store
 * without a round trip. A tenant another store or node dropped is found within {@link #RECHECK_NANOS} of the drop: the
 * first call after that interval reads which of the known tenants still exist (one query, by that caller) and forgets
 * the others, so their held stores refuse further calls rather than write rows under a dropped tenant's id.
 */
final class ProvisionedTenants {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisionedTenants.class);
    /** How old the knowledge that a tenant exists may get before a call checks it again: one second. */
    static final long RECHECK_NANOS = 1_000_000_000L;

    private final Database database;
    private final String stillThere;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final AtomicLong checkedAt = new AtomicLong(System.nanoTime());

    ProvisionedTenants(Database database, String tenantsTable) {
        this.database = database;
        this.stillThere = "select tenant_id from " + tenantsTable + " where tenant_id = any(?)";
    }

    /** Whether {@code tenant} is known to be provisioned, rechecking every known tenant first when that is due. */
    boolean contains(String tenant) {
        long last = checkedAt.get();
        long now = System.nanoTime();
        if (now - last > RECHECK_NANOS && checkedAt.compareAndSet(last, now)) {
            recheck();
        }
        return known.contains(tenant);
    }

    void add(String tenant) {
        known.add(tenant);
    }

    void remove(String tenant) {
        known.remove(tenant);
    }

    private void recheck() {
        Set<String> asked = Set.copyOf(known);
        if (asked.isEmpty()) {
            return;
        }
        try {
            Set<String> found = database.withConnection(stillThere, c -> {
                Set<String> there = new HashSet<>();
                Array tenants = c.createArrayOf("text", asked.toArray());
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
            for (String tenant : asked) {
                if (!found.contains(tenant) && known.remove(tenant)) {
                    LOG.info("Tenant {} was dropped elsewhere: its store refuses further calls", tenant);
                }
            }
        } catch (RuntimeException e) {
            // The call that follows reaches the database too, and says what is wrong.
            LOG.debug("Could not recheck the provisioned tenants: {}", e.toString());
        }
    }
}
