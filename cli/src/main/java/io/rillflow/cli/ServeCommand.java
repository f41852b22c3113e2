package io.rillflow.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rillflow.Store;
import io.rillflow.admin.AdminServer;
import io.rillflow.admin.SnapshotMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: the admin HTTP endpoint of a store, {@code /metrics}, {@code /health/live} and {@code /health/ready},
 * until the process is stopped. The meters are the status of every projection stored in the schema (read from its
 * row, see {@link ProjectionGauges}) and those of this process's own store (its pool, its statements): the
 * application's nodes serve their own with {@code store.admin().serve(...)}.
 */
@Command(
        name = "serve",
        description = {
            "Serves /metrics (Prometheus text), /health/live and /health/ready (JSON; 503 when the database is"
                    + " unreachable or migrations are pending or drifted) until stopped (Ctrl-C, SIGTERM).",
            "Binding anything but a loopback address requires a token: every request must then send"
                    + " 'Authorization: Bearer TOKEN'."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  rillflow serve --bind=127.0.0.1:9464",
            "  RILLFLOW_ADMIN_TOKEN=$(cat /run/secrets/admin) rillflow serve --bind=0.0.0.0:9464"
        })
final class ServeCommand implements Callable<Integer> {
    /** The environment variable holding the token, when no {@code --token-file} is given. */
    static final String TOKEN_VARIABLE = "RILLFLOW_ADMIN_TOKEN";

    private static final Duration SNAPSHOT_READS = Duration.ofMinutes(1);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(
            names = "--bind",
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:9464",
            description = {
                "The address to listen on; port 0 picks a free one. Beyond loopback a token is required.",
                "Example: --bind=0.0.0.0:9464"
            })
    private String bind;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = {
                "A file holding the token (at least 16 characters; surrounding whitespace ignored). Without it the"
                        + " token is read from " + TOKEN_VARIABLE + ", if set. Never on the command line, where"
                        + " other users of the machine could read it.",
                "Example: --token-file=/run/secrets/rillflow-admin"
            })
    private Path tokenFile;

    @Option(
            names = "--snapshot-threshold",
            paramLabel = "N",
            description = {
                "Also publish the snapshot backlog per stream type (rillflow.snapshots.candidates: streams N or more"
                        + " events past their latest snapshot; rillflow.snapshots.largest.gap), read at most once a"
                        + " minute: the read visits every typed stream.",
                "Example: --snapshot-threshold=100"
            })
    private Long snapshotThreshold;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress address = address(bind);
        String token = token(tokenFile, spec);
        if (snapshotThreshold != null) {
            StreamsCommand.requirePositive("--snapshot-threshold", snapshotThreshold);
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Store store = connection.openAsConfigured(builder -> builder.meterRegistry(registry));
                AdminServer server = store.admin().serve(address, token)) {
            int projections = ProjectionGauges.bind(store.admin(), registry);
            if (snapshotThreshold != null) {
                SnapshotMetrics.bind(store.admin(), registry, snapshotThreshold, SNAPSHOT_READS);
            }
            // SIGTERM runs the hooks and then halts: close the endpoint and the pool in the hook, not after it.
            Thread hook = new Thread(
                    () -> {
                        server.close();
                        store.close();
                    },
                    "rillflow-serve-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            PrintWriter out = spec.commandLine().getOut();
            InetSocketAddress bound = server.address();
            String host = bound.getAddress().getHostAddress();
            out.println("Serving /metrics, /health/live and /health/ready on http://"
                    + (bound.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + bound.getPort()
                    + (token == null ? "" : " (token required)"));
            out.println("Publishing the status of " + projections + " projection(s) stored in schema "
                    + store.schemaName() + " (restart to include projections registered later).");
            out.flush();
            try {
                new CountDownLatch(1).await(); // until the process stops, or (embedded in a test) an interrupt
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                removeQuietly(hook);
            }
            return 0;
        }
    }

    /**
     * {@code HOST:PORT}, with an IPv6 host in brackets ({@code [::1]:9464}).
     *
     * @throws IllegalArgumentException naming {@code --bind} if it is malformed
     */
    static InetSocketAddress address(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("--bind must be HOST:PORT, such as 127.0.0.1:9464; got " + value);
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--bind must end with a port number, got " + value, e);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--bind's port must be 0 to 65535, got " + port);
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("--bind names host " + host + ", which does not resolve");
        }
        return address;
    }

    /**
     * The admin token: from {@code tokenFile} if given, else from {@value #TOKEN_VARIABLE}; null for none.
     *
     * @throws IllegalArgumentException naming {@code --token-file} if it cannot be read
     */
    static String token(Path tokenFile, CommandSpec spec) throws IOException {
        if (tokenFile != null) {
            if (!Files.isReadable(tokenFile)) {
                throw new IllegalArgumentException("--token-file " + tokenFile + " cannot be read");
            }
            return Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        }
        Rillflow root = (Rillflow) spec.root().userObject();
        String token = root.environment(TOKEN_VARIABLE);
        return token == null || token.isBlank() ? null : token.strip();
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it closes the endpoint and the store
        }
    }
}
