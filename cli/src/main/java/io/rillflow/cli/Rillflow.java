package io.rillflow.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code rillflow} admin command: schema, streams, documents and projections of a store, from its database alone
 * (no application classes needed), and the commands that run the application's handlers, loaded from
 * {@code --classpath}. Exit codes: 0 ok, 1 the operation failed, 2 usage error, 3 not found.
 */
@Command(
        name = "rillflow",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        showDefaultValues = true,
        usageHelpAutoWidth = true,
        description = "Administers a Rillflow store from its PostgreSQL database.",
        subcommands = {
            SchemaCommands.Plan.class,
            SchemaCommands.Sync.class,
            StreamsCommand.class,
            DocsCommand.class,
            ProjectionsCommand.class,
            SubscriptionsCommand.class,
            SnapshotsCommand.class,
            TenantsCommand.class,
            HealthCommand.class,
            UpcastersCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nDatabase:%n",
        footer = {
            "  Every command takes --database-url (or the DATABASE_URL environment variable) and --schema.",
            "  Read commands take --output table|json; json prints one object per line, with snake_case fields.",
            "%nExit codes:%n  0 ok, 1 the operation failed, 2 usage error, 3 not found.",
            "%nExample:%n  DATABASE_URL=postgres://app:PASSWORD@db:5432/app rillflow projections list"
        })
public final class Rillflow {
    /** The exit code of an operation that failed (a database error, an unreachable server). */
    public static final int FAILED = 1;

    /** The exit code of a command line that makes no sense (unknown option, malformed value). */
    public static final int USAGE = 2;

    /** The exit code when what was named (projection, stream, document, dead letter) does not exist. */
    public static final int NOT_FOUND = 3;

    private final Map<String, String> environment;
    private final PasswordMask mask = new PasswordMask();

    /** The command as the launcher runs it, reading the process environment. */
    public Rillflow() {
        this(System.getenv());
    }

    Rillflow(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The command line reading {@code environment} (for {@code DATABASE_URL}), with its error handling installed. */
    static CommandLine commandLine(Map<String, String> environment) {
        Rillflow root = new Rillflow(environment);
        CommandLine line = new CommandLine(root);
        Failures failures = new Failures(root.mask);
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setExecutionExceptionHandler(failures);
        line.setParameterExceptionHandler(failures);
        line.setOut(new PrintWriter(System.out, true));
        return line;
    }

    String environment(String name) {
        return environment.get(name);
    }

    PasswordMask mask() {
        return mask;
    }
}
