package io.rillflow.cli;

import static io.rillflow.cli.OutputOptions.row;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rillflow.Store;
import io.rillflow.StoreBuilder;
import io.rillflow.admin.AdminServer;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.projections.Projections;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code projections run-loop --classpath ...}: a projection worker. By default it polls (every projection until idle,
 * then a pause of the poll interval); with {@code --use-notify} it runs the store's daemon, woken by each append's
 * notification. With {@code --health-bind} it serves the admin endpoint beside the loop, under {@code serve}'s token
 * rules.
 */
@Command(
        name = "run-loop",
        description = {
            "Runs the projections with the application's handlers from --classpath until SIGINT or SIGTERM, polling the"
                    + " log every poll interval (1 s), or woken by every append with --use-notify; then finishes the"
                    + " running batches, releases the leases and prints where each projection moved.",
            "With --health-bind, serves /metrics, /health/live and /health/ready beside the loop (as serve does:"
                    + " beyond loopback a token from --token-file or " + ServeCommand.TOKEN_VARIABLE + " is required)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  rillflow projections run-loop --classpath=target/app.jar",
            "  rillflow projections run-loop --classpath=target/app.jar --use-notify --health-bind=127.0.0.1:9464"
        })
final class ProjectionRunLoop extends ProjectionRunCommands.Run {
    /** How long a signal waits for the running batches to finish and the store to close. */
    private static final long STOP_TIMEOUT_SECONDS = 60;

    @Option(
            names = "--use-notify",
            description = "Wake up on every append (LISTEN/NOTIFY, one more connection), polling only as a fallback.")
    boolean useNotify;

    @Option(
            names = "--health-bind",
            paramLabel = "HOST:PORT",
            description = {
                "Serve the admin endpoint (metrics of this worker's store, health) on this address while running.",
                "Example: --health-bind=127.0.0.1:9464"
            })
    String healthBind;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = {
                "With --health-bind: a file holding the endpoint's token (else " + ServeCommand.TOKEN_VARIABLE + ").",
                "Example: --token-file=/run/secrets/rillflow-admin"
            })
    Path tokenFile;

    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private PrometheusMeterRegistry registry;
    private boolean interrupted;

    /** Stops on SIGINT or SIGTERM, which wait (through a shutdown hook) until the store is closed. */
    @Override
    public Integer call() {
        if (healthBind != null) {
            ServeCommand.address(healthBind); // a malformed address is a usage error before anything starts
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        } else if (tokenFile != null) {
            throw new IllegalArgumentException("--token-file is for the endpoint of --health-bind; give both");
        }
        Thread hook = new Thread(this::stopAndAwaitClose, "rillflow-run-loop-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return super.call();
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: the JVM exits now that the store is closed.
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    StoreBuilder settings(StoreBuilder builder) {
        return registry == null ? builder : builder.meterRegistry(registry);
    }

    @Override
    void run(Store store, Projections projections, List<String> names) {
        Map<String, Long> from = new LinkedHashMap<>();
        names.forEach(n -> from.put(n, projections.status(n).checkpoint()));
        PrintWriter err = spec.commandLine().getErr();
        try (AdminServer server = serve(store)) {
            if (server != null) {
                err.println("Serving /metrics, /health/live and /health/ready on http://"
                        + server.address().getAddress().getHostAddress() + ":"
                        + server.address().getPort());
            }
            err.println("Running projections " + String.join(", ", names) + " until SIGINT or SIGTERM"
                    + (useNotify
                            ? ", woken by appends."
                            : ", polling every "
                                    + projections.options().pollInterval().toMillis() + " ms."));
            err.flush();
            if (useNotify) {
                projections.runLoop(stop::get);
            } else {
                poll(projections);
            }
            // An interrupt stops the loop too; it is set aside so that the summary and the store's close can still
            // use the database, and restored once the store is closed.
            interrupted = Thread.interrupted();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String projection : names) {
            ProjectionStatus status = projections.status(projection);
            rows.add(row(
                    "name", projection,
                    "checkpoint_from", from.get(projection),
                    "checkpoint", status.checkpoint(),
                    "dead_letters", status.deadLetters()));
        }
        print(ProjectionRunCommands.LOOP_COLUMNS, rows);
    }

    /** Every projection until idle, then a pause of the poll interval, until stopped or interrupted. */
    private void poll(Projections projections) {
        long pause = projections.options().pollInterval().toMillis();
        while (!stop.get() && !Thread.currentThread().isInterrupted()) {
            projections.runUntilIdle();
            try {
                for (long slept = 0; slept < pause && !stop.get(); slept += 10) {
                    Thread.sleep(Math.min(10, pause - slept));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private AdminServer serve(Store store) {
        if (healthBind == null) {
            return null;
        }
        InetSocketAddress address = ServeCommand.address(healthBind);
        try {
            return store.admin().serve(address, ServeCommand.token(tokenFile, spec));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read --token-file " + tokenFile, e);
        }
    }

    private void stopAndAwaitClose() {
        stop.set(true);
        try {
            closed.await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
