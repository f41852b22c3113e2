package io.rillflow.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.Store;
import io.rillflow.benchmarks.Model.ItemAdded;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.embedded.EmbeddedPostgresServer;
import io.rillflow.events.EventStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The database every benchmark of one fork works on: a durable embedded PostgreSQL ({@code fsync} and
 * {@code synchronous_commit} on), a Rillflow store in a fresh schema of its own, and beside Rillflow's tables raw
 * tables of the same shape ({@code raw_docs} like {@code rf_doc_customer}, {@code raw_events} like
 * {@code rf_events}) for the hand-written JDBC peers, and {@code raw_streams}, the version-per-stream table a
 * hand-written optimistic append updates. Both sides borrow
 * connections from the same HikariCP pool, {@code store.dataSource()}.
 *
 * <p>{@link RunBenchmarks} starts one server for the whole run and hands its URL to every fork in an owner-only file
 * named by the system property {@value #URL_FILE_PROPERTY} (the URL carries the server's password, and a command line
 * is visible to every local user); {@value #URL_PROPERTY} names a server directly. Without either (e.g. when JMH's own
 * main is used) each fork starts a server of its own.
 */
@State(Scope.Benchmark)
public class BenchDatabase {
    public static final String URL_PROPERTY = "rillflow.bench.jdbcUrl";
    public static final String URL_FILE_PROPERTY = "rillflow.bench.jdbcUrlFile";

    /** Documents preloaded into both document tables for the reads. */
    static final int PRELOADED_DOCS = 10_000;

    static final int POOL_SIZE = 16;

    Store store;
    DataSource pool;
    ObjectMapper mapper;
    DocumentCollection<Customer, UUID> customers;
    EventStore events;
    UUID[] preloadedIds;

    String rawGet;
    String rawByEmail;
    String rawInsertEvent;
    String rawReadStream;
    String rawCreateStream;
    String rawBumpStream;
    String rawCheckedInsert;
    String rawCopyDocs;
    String rawCopyDocsPlain;
    String rawCopyEvents;
    String rawUpsertDoc;

    private String schema;
    private EmbeddedPostgresServer ownServer;
    private Path ownDirectory;

    @Setup(Level.Trial)
    public void setUp() throws SQLException, IOException {
        String url = sharedServerUrl();
        if (url == null) {
            ownDirectory = tempDirectory();
            ownServer = EmbeddedPostgresServer.start(ownDirectory);
            url = ownServer.jdbcUrl();
        }
        schema = "bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        store = Store.builder(url)
                .schema(schema)
                .maxConnections(POOL_SIZE)
                .eventType("item_added", ItemAdded.class)
                .build();
        pool = store.dataSource();
        mapper = store.objectMapper();
        customers = store.documents(Customer.class, UUID.class);
        events = store.events();

        String s = schema;
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement()) {
            // The same columns, defaults, keys and indexes as Rillflow's tables (sql/0001_core.sql,
            // DocumentStatements); raw_streams as an application without Rillflow would keep its versions.
            st.execute("create table " + s + ".raw_streams (id uuid primary key, type text, version bigint not null,"
                    + " archived boolean not null default false, created_at timestamptz not null default now(),"
                    + " updated_at timestamptz not null default now())");
            st.execute("create table " + s + ".raw_events (global_seq bigint generated always as identity,"
                    + " stream_id uuid not null, stream_seq bigint not null, type text not null,"
                    + " type_version integer not null default 1, data jsonb not null,"
                    + " headers jsonb not null default '{}'::jsonb, causation_id uuid, correlation_id uuid,"
                    + " created_at timestamptz not null default now(),"
                    + " tx_id xid8 not null default pg_current_xact_id(), primary key (stream_id, stream_seq))");
            st.execute("create index raw_events_global_seq on " + s + ".raw_events (global_seq)");
            st.execute("create index raw_events_type_global_seq on " + s + ".raw_events (type, global_seq)");
            st.execute("create table " + s + ".raw_docs (id uuid primary key, data jsonb not null,"
                    + " version bigint not null default 1, created_at timestamptz not null default now(),"
                    + " updated_at timestamptz not null default now(), deleted_at timestamptz,"
                    + " created_by text, last_modified_by text)");
            st.execute("create index raw_docs_data_gin on " + s + ".raw_docs using gin (data jsonb_path_ops)");
            // Customer's @Index on email, as Rillflow creates it.
            st.execute("create index raw_docs_email on " + s + ".raw_docs ((data ->> 'email'))");
            // Only for the informational COPY into a table without the default GIN index.
            st.execute("create table " + s + ".raw_docs_plain (id uuid primary key, data jsonb not null)");
        }
        rawGet = "select data::text from " + s + ".raw_docs where id = ?";
        rawByEmail = "select data::text from " + s + ".raw_docs where (data ->> 'email') = ?";
        rawInsertEvent = "insert into " + s + ".raw_events (stream_id, stream_seq, type, type_version, data)"
                + " values (?, ?, ?, 1, ?::jsonb)";
        rawReadStream =
                "select stream_seq, data::text from " + s + ".raw_events where stream_id = ? order by stream_seq";
        rawCreateStream = "insert into " + s + ".raw_streams (id, version) values (?, ?) on conflict (id) do nothing";
        rawBumpStream = "update " + s + ".raw_streams set version = version + ?, updated_at = now()"
                + " where id = ? and version = ?";
        // The version check Rillflow's one-event append makes (sql/0007_insert_only_appends.sql), by hand: the event
        // goes in only if the one before it exists, and the primary key refuses a position already taken.
        rawCheckedInsert = "insert into " + s + ".raw_events (stream_id, stream_seq, type, type_version, data)"
                + " select ?, ?, ?, 1, ?::jsonb where ? = 1 or exists (select 1 from " + s + ".raw_events"
                + " where stream_id = ? and stream_seq = ? - 1) on conflict do nothing";
        rawCopyDocs = "copy " + s + ".raw_docs (id, data) from stdin";
        rawCopyDocsPlain = "copy " + s + ".raw_docs_plain (id, data) from stdin";
        rawUpsertDoc = "insert into " + s + ".raw_docs as d (id, data) values (?, ?::jsonb) on conflict (id) do update"
                + " set data = excluded.data, version = d.version + 1, updated_at = now(), deleted_at = null";
        rawCopyEvents = "copy " + s + ".raw_events (stream_id, stream_seq, type, type_version, data) from stdin";

        preload();
    }

    /** The same documents in both tables; then vacuum, analyze and a checkpoint so every case starts settled. */
    private void preload() throws SQLException {
        preloadedIds = new UUID[PRELOADED_DOCS];
        Map<UUID, Customer> docs = new LinkedHashMap<>();
        for (int i = 0; i < PRELOADED_DOCS; i++) {
            UUID id = UUID.randomUUID();
            preloadedIds[i] = id;
            docs.put(id, Model.customer(id, i));
        }
        customers.bulkInsert(docs);
        try (Connection c = pool.getConnection()) {
            copyDocs(c, rawCopyDocs, docs);
            try (Statement st = c.createStatement()) {
                st.execute("vacuum analyze " + schema + ".raw_docs");
                st.execute("vacuum analyze " + schema + ".rf_doc_customer");
                st.execute("checkpoint");
            }
        }
    }

    UUID randomPreloadedId() {
        return preloadedIds[ThreadLocalRandom.current().nextInt(preloadedIds.length)];
    }

    String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Raw peer of a bulk load: encode with Jackson, write COPY text, send it in one COPY (auto-commit). */
    long copyDocs(Connection c, String copySql, Map<UUID, Customer> docs) throws SQLException {
        StringBuilder rows = new StringBuilder(docs.size() * 400);
        for (Map.Entry<UUID, Customer> e : docs.entrySet()) {
            rows.append(e.getKey()).append('\t');
            appendCopyEscaped(rows, json(e.getValue()));
            rows.append('\n');
        }
        return copy(c, copySql, rows);
    }

    /** The URL of the run's shared server ({@value #URL_PROPERTY}, or read from {@value #URL_FILE_PROPERTY}), or null. */
    static String sharedServerUrl() throws IOException {
        String url = System.getProperty(URL_PROPERTY);
        String urlFile = System.getProperty(URL_FILE_PROPERTY);
        if ((url == null || url.isBlank()) && urlFile != null) {
            url = Files.readString(Path.of(urlFile), StandardCharsets.UTF_8).trim();
        }
        return url == null || url.isBlank() ? null : url;
    }

    /** As {@link #sharedServerUrl()}, for a benchmark that cannot start a server of its own. */
    static String requireSharedServerUrl(String benchmark) throws IOException {
        String url = sharedServerUrl();
        if (url == null) {
            throw new IllegalStateException(benchmark + " needs a server: run it through RunBenchmarks, or give -D"
                    + URL_PROPERTY + "=<jdbc url>");
        }
        return url;
    }

    static long copy(Connection c, String copySql, CharSequence rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** COPY text escaping: backslash, tab, newline and carriage return. */
    static void appendCopyEscaped(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        try {
            if (store != null) {
                try (Connection c = pool.getConnection();
                        Statement st = c.createStatement()) {
                    st.execute("drop schema " + schema + " cascade");
                } finally {
                    store.close();
                }
            }
        } finally {
            if (ownServer != null) {
                ownServer.close();
                deleteRecursively(ownDirectory);
            }
        }
    }

    static Path tempDirectory() {
        try {
            return Files.createTempDirectory("rillflow-bench-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not delete " + directory + ": " + e);
        }
    }
}
