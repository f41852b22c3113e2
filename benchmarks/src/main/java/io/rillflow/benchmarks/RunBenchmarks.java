package io.rillflow.benchmarks;

import io.rillflow.embedded.EmbeddedPostgresServer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmarks' main: starts ONE durable embedded PostgreSQL for the whole run, runs JMH (every fork connects to
 * that server), then prints each Rillflow case beside its raw-JDBC bound with the ratio and the target.
 *
 * <p>Takes JMH's usual arguments: a regular expression to pick benchmarks, {@code -wi}, {@code -i}, {@code -f},
 * {@code -rf json}, ... ; {@code -h} lists them, {@code -l} lists the benchmarks.
 */
public final class RunBenchmarks {
    private RunBenchmarks() {}

    /** A Rillflow case, its raw-JDBC bound, and the ratio it should reach (0: no target, for information). */
    record Pair(String label, String threads, String unit, String rillflow, String raw, double target) {}

    static final List<Pair> PAIRS = List.of(
            new Pair(
                    "get by id, a tenant's store vs the single-tenant store",
                    "1",
                    "docs/s",
                    "TenantScoped.getTenant",
                    "TenantScoped.getSingle",
                    0.95),
            new Pair(
                    "1-event append, a tenant's store vs the single-tenant store",
                    "1",
                    "events/s",
                    "TenantScoped.appendTenant",
                    "TenantScoped.appendSingle",
                    0.95),
            new Pair("get by id + JSON decode", "1", "docs/s", "GetById.rillflow1Thread", "GetById.raw1Thread", 0.9),
            new Pair("get by id + JSON decode", "8", "docs/s", "GetById.rillflow8Threads", "GetById.raw8Threads", 0.9),
            new Pair(
                    "typed query by indexed e-mail + decode",
                    "1",
                    "queries/s",
                    "QueryByIndexedField.rillflow1Thread",
                    "QueryByIndexedField.raw1Thread",
                    0.9),
            new Pair(
                    "typed query by indexed e-mail + decode",
                    "8",
                    "queries/s",
                    "QueryByIndexedField.rillflow8Threads",
                    "QueryByIndexedField.raw8Threads",
                    0.9),
            new Pair(
                    "1-event append, version checked vs plain insert + commit",
                    "1",
                    "events/s",
                    "AppendOneEvent.rillflowAppend",
                    "AppendOneEvent.rawInsertCommit",
                    0.95),
            new Pair(
                    "1-event append vs naive optimistic append (3 round trips)",
                    "1",
                    "events/s",
                    "AppendOneEvent.rillflowAppend",
                    "AppendOneEvent.rawOptimisticAppend",
                    0),
            new Pair(
                    "1-event append vs the same version check as one hand-written insert",
                    "1",
                    "events/s",
                    "AppendOneEvent.rillflowAppend",
                    "AppendOneEvent.rawCheckedInsert",
                    0),
            new Pair(
                    "10-event appends vs raw optimistic append",
                    "8",
                    "events/s",
                    "AppendTenEvents.rillflowAppend10",
                    "AppendTenEvents.rawOptimisticAppend10",
                    0.9),
            new Pair(
                    "bulkInsert 1,000 docs vs COPY (same table, GIN index)",
                    "1",
                    "docs/s",
                    "BulkLoad.rillflowBulkInsertDocs",
                    "BulkLoad.rawCopyDocs",
                    0.9),
            new Pair(
                    "bulkInsert 1,000 docs vs COPY into a table without GIN",
                    "1",
                    "docs/s",
                    "BulkLoad.rillflowBulkInsertDocs",
                    "BulkLoad.rawCopyDocsNoGin",
                    0),
            new Pair(
                    "bulkPut overwriting 1,000 docs vs a JDBC batch of upserts, one commit",
                    "1",
                    "docs/s",
                    "BulkPut.rillflowBulkPut",
                    "BulkPut.rawBatchedUpsert",
                    0.9),
            new Pair(
                    "1,000 single puts vs a JDBC batch of upserts, one commit",
                    "1",
                    "docs/s",
                    "BulkPut.rillflowSinglePuts",
                    "BulkPut.rawBatchedUpsert",
                    0),
            new Pair(
                    "put with history vs the same put without",
                    "1",
                    "puts/s",
                    "PutWithHistory.putWithHistory",
                    "PutWithHistory.putPlain",
                    0),
            new Pair(
                    "bulkPut of 1,000 docs with history vs without",
                    "1",
                    "docs/s",
                    "PutWithHistory.bulkPutWithHistory",
                    "PutWithHistory.bulkPutPlain",
                    0),
            new Pair(
                    "append of 1,000 events vs COPY of the events",
                    "1",
                    "events/s",
                    "BulkLoad.rillflowAppend1000Events",
                    "BulkLoad.rawCopyEvents",
                    0.9),
            new Pair(
                    "aggregate execute (load, decide, checked append) vs the same by hand",
                    "1",
                    "commands/s",
                    "AggregateExecute.rillflowExecute",
                    "AggregateExecute.rawLoadDecideAppend",
                    0),
            new Pair(
                    "load of a 1,000-event aggregate vs reading and folding the rows by hand",
                    "1",
                    "loads/s",
                    "AggregateLoad.rillflowLoad",
                    "AggregateLoad.rawReadRows",
                    0),
            new Pair(
                    "load of a 1,000-event aggregate from its snapshot vs reading and folding the rows",
                    "1",
                    "loads/s",
                    "AggregateLoad.rillflowLoadWithSnapshot",
                    "AggregateLoad.rawReadRows",
                    0),
            new Pair(
                    "compiled query by indexed field vs raw JDBC",
                    "1",
                    "queries/s",
                    "CompiledQuery.compiled",
                    "CompiledQuery.rawJdbc",
                    0.9),
            new Pair(
                    "runtime DSL query by indexed field vs raw JDBC",
                    "1",
                    "queries/s",
                    "CompiledQuery.runtimeDsl",
                    "CompiledQuery.rawJdbc",
                    0),
            new Pair(
                    "projection catch-up vs raw read-and-apply loop",
                    "1",
                    "events/s",
                    "ProjectionCatchUp.rillflowCatchUp",
                    "ProjectionCatchUp.rawCatchUp",
                    0),
            new Pair(
                    "subscription delivery vs raw poll loop",
                    "1",
                    "events/s",
                    "SubscriptionDelivery.rillflowDelivery",
                    "SubscriptionDelivery.rawPoll",
                    0),
            new Pair(
                    "session unit (10 docs + 1 event) vs the same by hand, one JDBC batch and transaction",
                    "1",
                    "units/s",
                    "SessionUnit.rillflowSession",
                    "SessionUnit.rawBatchedUnit",
                    0.9),
            new Pair(
                    "session unit (10 docs + 1 event) vs 10 puts and 1 append, each committed",
                    "1",
                    "units/s",
                    "SessionUnit.rillflowSession",
                    "SessionUnit.rillflowSeparateWrites",
                    3.0),
            new Pair(
                    "projection daemon catch-up, 20,000 events over 100 tenants vs in one tenant",
                    "1",
                    "events/s",
                    "TenantFanOut.hundredTenants",
                    "TenantFanOut.oneTenant",
                    0),
            new Pair(
                    "get by id, a conjoined store's tenant vs the single-tenant store",
                    "1",
                    "docs/s",
                    "ConjoinedGet.getConjoinedTenant",
                    "ConjoinedGet.getSingle",
                    0.95),
            new Pair(
                    "1-event append, a conjoined tenant's store vs the single-tenant store",
                    "1",
                    "events/s",
                    "ConjoinedEvents.appendConjoined",
                    "ConjoinedEvents.appendSingle",
                    0.95),
            new Pair(
                    "read a 10-event stream, a conjoined tenant's store vs the single-tenant store",
                    "1",
                    "reads/s",
                    "ConjoinedEvents.readStreamConjoined",
                    "ConjoinedEvents.readStreamSingle",
                    0.95),
            new Pair(
                    "1-event append, a conjoined tenant in its own partition vs one in the default partition",
                    "1",
                    "events/s",
                    "ConjoinedPartition.appendOwnPartition",
                    "ConjoinedPartition.appendDefaultPartition",
                    0.95),
            new Pair(
                    "read a 10-event stream, a conjoined tenant in its own partition vs one in the default partition",
                    "1",
                    "reads/s",
                    "ConjoinedPartition.readStreamOwnPartition",
                    "ConjoinedPartition.readStreamDefaultPartition",
                    0.95));

    public static void main(String[] args) throws Exception {
        CommandLineOptions command = new CommandLineOptions(args);
        if (command.shouldHelp()
                || command.shouldList()
                || command.shouldListWithParams()
                || command.shouldListProfilers()
                || command.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Path directory = BenchDatabase.tempDirectory();
        Collection<RunResult> results;
        String server;
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(directory)) {
            String url = postgres.jdbcUrl();
            server = describeServer(url);
            System.out.println("# Rillflow benchmarks on " + server);
            System.setProperty(BenchDatabase.URL_PROPERTY, url);
            List<String> jvmArgs = new ArrayList<>(command.getJvmArgsAppend().orElse(List.of()));
            // in the server's own 0700 data directory, created 0600: the URL carries its password
            Path urlFile = Files.createTempFile(directory, "jdbc-url-", ".txt");
            Files.writeString(urlFile, url, StandardCharsets.UTF_8);
            jvmArgs.add("-D" + BenchDatabase.URL_FILE_PROPERTY + "=" + urlFile);
            Options options = new OptionsBuilder()
                    .parent(command)
                    .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                    .build();
            results = new Runner(options).run();
        } finally {
            BenchDatabase.deleteRecursively(directory);
        }
        printSummary(results, server, System.out);
    }

    private static String describeServer(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            String version = one(st, "show server_version");
            String fsync = one(st, "show fsync");
            String syncCommit = one(st, "show synchronous_commit");
            return "PostgreSQL " + version + " (embedded, fsync=" + fsync + ", synchronous_commit=" + syncCommit
                    + "), " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
        }
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void printSummary(Collection<RunResult> results, String server, PrintStream out) {
        Map<String, RunResult> byName = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            String[] parts = name.split("\\.");
            byName.put(parts[parts.length - 2] + "." + parts[parts.length - 1], r);
        }
        out.println();
        out.println("## Rillflow vs raw JDBC, " + LocalDate.now() + ", " + server);
        out.println();
        out.println("| case | threads | Rillflow | raw JDBC bound | ratio | target | met |");
        out.println("|---|---:|---:|---:|---:|---:|:---:|");
        for (Pair pair : PAIRS) {
            RunResult rillflow = byName.get(pair.rillflow());
            RunResult raw = byName.get(pair.raw());
            if (rillflow == null || raw == null) {
                continue;
            }
            double a = rillflow.getPrimaryResult().getScore();
            double b = raw.getPrimaryResult().getScore();
            double ratio = a / b;
            out.printf(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %.2fx | %s | %s |%n",
                    pair.label(),
                    pair.threads(),
                    figure(rillflow, pair.unit()),
                    figure(raw, pair.unit()),
                    ratio,
                    pair.target() > 0 ? String.format(Locale.ROOT, ">= %.2fx", pair.target()) : "(info)",
                    pair.target() > 0 ? (ratio >= pair.target() ? "yes" : "**no**") : "");
        }
    }

    private static String figure(RunResult result, String unit) {
        double score = result.getPrimaryResult().getScore();
        double error = result.getPrimaryResult().getScoreError();
        return Double.isNaN(error)
                ? String.format(Locale.ROOT, "%,.0f %s", score, unit)
                : String.format(Locale.ROOT, "%,.0f ± %,.0f %s", score, error, unit);
    }
}
