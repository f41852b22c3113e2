package io.rillflow.admin.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rillflow.SchemaDriftException;
import io.rillflow.TenantNotFoundException;
import io.rillflow.internal.Database;
import io.rillflow.projections.internal.DaemonReadiness;
import io.rillflow.schema.Migration;
import io.rillflow.schema.SchemaManager;
import io.rillflow.schema.SchemaPlan;
import io.rillflow.schema.SchemaStatus;
import io.rillflow.tenancy.Tenants;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Whether the store can serve: its database answers, and every migration this version of Rillflow ships is applied
 * with its shipped checksum, and, for a schema-per-tenant store, every provisioned tenant's schema is current too
 * ({@code tenants().status(..)}: migrations and declared document tables), and, once the store started a projection
 * daemon, that it still runs. Each check reports {@code UP} or {@code DOWN} with what it found, so an operator reading
 * the 503 sees which check failed and why.
 *
 * <p>One check runs at a time: during an outage a check waits up to the pool's connect timeout, and probes arriving
 * meanwhile get the last result at once instead of each holding one of the server's few threads (which would starve
 * {@code /health/live}, and a liveness probe failing for a database outage restarts a healthy process).
 */
final class Readiness {
    /** A borrowed connection must answer within this long, or the database counts as down. */
    private static final int VALID_SECONDS = 2;

    private final Database database;
    private final SchemaManager schema;
    /** The store's tenants, each checked like the store's own schema; null without schema-per-tenant tenancy. */
    private final Tenants tenants;

    /** The store's projection daemon, as it stands now; null for a store that runs none (a tenant's). */
    private final Supplier<DaemonReadiness> daemon;

    private final ReentrantLock checking = new ReentrantLock();
    private volatile ObjectNode last;

    Readiness(Database database, SchemaManager schema, Tenants tenants, Supplier<DaemonReadiness> daemon) {
        this.database = database;
        this.schema = schema;
        this.tenants = tenants;
        this.daemon = daemon;
    }

    /**
     * The checks' result, {@code {"status": "UP"|"DOWN", "checks": {"database": {...}, "migrations": {...}}}}: run
     * now, or the last one while another request runs them.
     */
    ObjectNode check() {
        if (!checking.tryLock()) {
            ObjectNode previous = last;
            if (previous != null) {
                return previous;
            }
            checking.lock();
        }
        try {
            ObjectNode result = run();
            last = result;
            return result;
        } finally {
            checking.unlock();
        }
    }

    private ObjectNode run() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode checks = JsonNodeFactory.instance.objectNode();
        ObjectNode db = checks.putObject("database");
        ObjectNode migrations = checks.putObject("migrations");
        boolean reachable = reachable(db);
        boolean migrated = reachable && migrated(migrations);
        if (!reachable) {
            migrations.put("status", "UNKNOWN").put("error", "the database is not reachable");
        }
        boolean tenantsCurrent = true;
        if (tenants != null) {
            ObjectNode tenantCheck = checks.putObject("tenants");
            if (reachable) {
                tenantsCurrent = tenantsCurrent(tenantCheck);
            } else {
                tenantCheck.put("status", "UNKNOWN").put("error", "the database is not reachable");
            }
        }
        boolean daemonUp = daemon == null || daemonUp(checks);
        body.put("status", reachable && migrated && tenantsCurrent && daemonUp ? "UP" : "DOWN");
        body.put("schema", schema.schema());
        body.set("checks", checks);
        return body;
    }

    /**
     * The daemon's check, present once the store started a daemon (and until it is asked to stop): UP while its thread
     * runs, whether this node holds a projection's lease or stands by for another node's; DOWN if it ended by itself.
     */
    private boolean daemonUp(ObjectNode checks) {
        DaemonReadiness state;
        try {
            state = daemon.get();
        } catch (RuntimeException e) {
            checks.putObject("daemon").put("status", "DOWN").put("error", e.getMessage());
            return false;
        }
        if (!state.expected()) {
            return true;
        }
        ObjectNode check = checks.putObject("daemon");
        check.put("status", state.running() ? "UP" : "DOWN");
        if (!state.running()) {
            check.put("error", "the projection daemon stopped without being asked to; see the log");
        }
        ObjectNode leases = check.putObject("projections");
        state.leases().forEach(leases::put);
        return state.running();
    }

    private boolean reachable(ObjectNode check) {
        try {
            boolean valid =
                    database.withConnection("check the database for /health/ready", c -> c.isValid(VALID_SECONDS));
            check.put("status", valid ? "UP" : "DOWN");
            if (!valid) {
                check.put("error", "the connection did not answer within " + VALID_SECONDS + " s");
            }
            return valid;
        } catch (RuntimeException e) {
            check.put("status", "DOWN").put("error", e.getMessage());
            return false;
        }
    }

    /** Every provisioned tenant's schema: DOWN naming those with pending migrations or drift. */
    private boolean tenantsCurrent(ObjectNode check) {
        try {
            List<String> ids = tenants.list();
            List<String> behind = new ArrayList<>();
            ObjectNode details = JsonNodeFactory.instance.objectNode();
            for (String id : ids) {
                SchemaStatus status;
                try {
                    status = tenants.status(id).schema();
                } catch (TenantNotFoundException droppedSinceListed) {
                    continue;
                }
                if (!status.isCurrent()) {
                    behind.add(id);
                    ObjectNode detail = details.putObject(id).put("schema", status.schema());
                    status.pending().stream().map(Migration::version).forEach(detail.putArray("pending")::add);
                    status.drift().forEach(detail.putArray("drift")::add);
                }
            }
            check.put("checked", ids.size());
            if (behind.isEmpty()) {
                check.put("status", "UP");
                return true;
            }
            check.put("status", "DOWN")
                    .put("error", "tenants not up to date: " + String.join(", ", behind) + "; run tenants sync");
            check.set("behind", details);
            return false;
        } catch (RuntimeException e) {
            check.put("status", "DOWN").put("error", e.getMessage());
            return false;
        }
    }

    private boolean migrated(ObjectNode check) {
        try {
            SchemaPlan plan = schema.plan();
            check.put("shipped", schema.migrations().size());
            if (plan.pending().isEmpty()) {
                check.put("status", "UP");
                return true;
            }
            check.put("status", "DOWN").put("error", "migrations not applied: run schema-sync");
            plan.pending().stream().map(Migration::version).forEach(check.putArray("pending")::add);
            return false;
        } catch (SchemaDriftException e) {
            check.put("status", "DOWN").put("drift", true).put("error", e.getMessage());
            return false;
        } catch (RuntimeException e) {
            check.put("status", "DOWN").put("error", e.getMessage());
            return false;
        }
    }
}
