package io.rillflow.cli;

import static io.rillflow.cli.OutputOptions.row;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rillflow.Store;
import io.rillflow.projections.ProjectionStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code projections metrics [NAME]}: the projection gauges {@code rillflow serve} publishes, read once from the
 * projections' rows, for a script or a look without a Prometheus server.
 */
@Command(
        name = "metrics",
        description = {
            "Prints the gauges of every stored projection (or of NAME; exit 3 if unknown), read from the database: the"
                    + " values /metrics of rillflow serve would show. A table or JSON lines of the values, or, with"
                    + " --prometheus, the Prometheus text exposition."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  rillflow projections metrics order_totals", "  rillflow projections metrics --prometheus"})
final class ProjectionMetricsCommand implements Callable<Integer> {
    private static final List<String> COLUMNS =
            List.of("name", "checkpoint", "head", "lag_events", "lag_seconds", "dead_letters", "paused", "attempts");

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "One projection; all stored ones without it.")
    private String name;

    @Option(
            names = "--prometheus",
            description = "Print the Prometheus text exposition (rillflow_projection_* gauges) instead of a table.")
    private boolean prometheus;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private TenantOption tenant;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() {
        try (Store root = connection.openStore(tenant::apply)) {
            Store store = tenant.scope(root);
            List<String> names = name == null ? store.admin().projectionNames() : List.of(name);
            // Read each one now, so an unknown name fails (exit 3) before anything is printed.
            List<ProjectionStatus> statuses =
                    names.stream().map(store.admin()::projectionStatus).toList();
            PrintWriter out = spec.commandLine().getOut();
            if (prometheus) {
                PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                ProjectionGauges.bind(store.admin(), registry, names);
                out.print(registry.scrape());
                out.flush();
            } else {
                output.print(
                        out,
                        COLUMNS,
                        statuses.stream().map(ProjectionMetricsCommand::values).toList());
            }
            return 0;
        }
    }

    private static Map<String, Object> values(ProjectionStatus s) {
        return row(
                "name", s.name(),
                "checkpoint", s.checkpoint(),
                "head", s.head(),
                "lag_events", s.lagEvents(),
                "lag_seconds", s.lagTime().toMillis() / 1000.0,
                "dead_letters", s.deadLetters(),
                "paused", s.paused() ? 1 : 0,
                "attempts", s.attempts());
    }
}
