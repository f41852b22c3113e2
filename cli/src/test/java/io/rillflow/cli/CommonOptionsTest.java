package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every command shares: help, where the database is, exit codes, and errors as one masked line. */
class CommonOptionsTest {
    private static final String PASSWORD = "s3cr%3At-pw";
    private static final String UNREACHABLE = "postgres://app:" + PASSWORD + "@127.0.0.1:1/app";

    @Test
    void helpNamesEveryCommandAndEveryOptionWithAnExample() {
        Cli.Result top = Cli.run("--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.out())
                .contains("schema-plan", "schema-sync", "streams", "docs", "projections", "DATABASE_URL", "Exit codes");

        for (List<String> command : List.of(
                List.of("schema-plan"),
                List.of("streams", "read"),
                List.of("docs", "get"),
                List.of("projections", "dlq-list"))) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            Cli.Result help = Cli.run(args.toArray(String[]::new));
            assertThat(help.exitCode()).as("%s", command).isZero();
            assertThat(help.out())
                    .as("%s", command)
                    .contains("--database-url", "--schema", "--verbose", "Example:", "rillflow " + command.get(0));
        }
        assertThat(Cli.run("projections", "list", "--help").out()).contains("--output", "Example: --output=json");
    }

    @Test
    void unreachableDatabaseIsOneLineWithExitOneAndNoPassword() {
        Cli.Result result = Cli.run("projections", "list", "--database-url=" + UNREACHABLE);
        assertThat(result.exitCode()).isEqualTo(Rillflow.FAILED);
        assertThat(result.err()).startsWith("rillflow: Cannot connect to ").hasLineCount(1);
        assertThat(result.err())
                .doesNotContain(PASSWORD)
                .doesNotContain("s3cr:t-pw")
                .contains("***");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void verbosePrintsTheStackTraceStillWithoutThePassword() {
        Cli.Result result = Cli.runWith(Map.of("DATABASE_URL", UNREACHABLE), "docs", "list", "--verbose");
        assertThat(result.exitCode()).isEqualTo(Rillflow.FAILED);
        assertThat(result.err()).contains("\tat ").doesNotContain(PASSWORD).doesNotContain("s3cr:t-pw");
        assertThat(result.err().lines().toList().get((int) result.err().lines().count() - 1))
                .startsWith("rillflow: Cannot connect to ");
    }

    @Test
    void databaseUrlComesFromTheEnvironmentInEitherForm() {
        try (Store store = TestDatabase.store(CommonOptionsTest.class)) {
            Cli.Result fromEnvironment = Cli.runWith(
                    Map.of("DATABASE_URL", TestDatabase.jdbcUrl()),
                    "projections",
                    "list",
                    "--schema=" + store.schemaName());
            assertThat(fromEnvironment.exitCode()).isZero();
            assertThat(fromEnvironment.out()).startsWith("NAME");
        }
        Cli.Result postgresForm = Cli.runWith(Map.of("DATABASE_URL", UNREACHABLE), "projections", "list");
        assertThat(postgresForm.err()).contains("jdbc:postgresql://127.0.0.1:1/app");
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        Cli.Result noDatabase = Cli.run("projections", "list");
        assertThat(noDatabase.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(noDatabase.err()).isEqualTo("rillflow: No database: pass --database-url or set DATABASE_URL\n");

        Cli.Result malformed = Cli.run("projections", "list", "--database-url=mysql://root:" + PASSWORD + "@db/x");
        assertThat(malformed.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(malformed.err())
                .contains("Unsupported database URL")
                .doesNotContain(PASSWORD)
                .hasLineCount(1);

        Cli.Result unknownOption = Cli.run("projections", "list", "--colour");
        assertThat(unknownOption.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(unknownOption.err())
                .isEqualTo("rillflow: Unknown option: '--colour' (see: rillflow projections list --help)\n");

        Cli.Result badFormat = Cli.run("projections", "list", "--output=yaml");
        assertThat(badFormat.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(badFormat.err()).contains("yaml", "table", "json").hasLineCount(1);

        Cli.Result hostileSchema = Cli.run(
                "projections", "list", "--database-url=" + TestDatabase.jdbcUrl(), "--schema=x\"; drop schema public");
        assertThat(hostileSchema.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(hostileSchema.err()).contains("Invalid schema name").hasLineCount(1);

        assertThat(Cli.run("nonsense").exitCode()).isEqualTo(Rillflow.USAGE);
    }

    @Test
    void aSchemaWithoutRillflowTablesIsNotFound() {
        String schema = TestDatabase.freshSchema(CommonOptionsTest.class);
        for (String command : List.of("projections list", "streams list", "docs list")) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--database-url=" + TestDatabase.jdbcUrl());
            args.add("--schema=" + schema);
            Cli.Result result = Cli.run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(command).isEqualTo(Rillflow.NOT_FOUND);
            assertThat(result.err())
                    .as(command)
                    .isEqualTo("rillflow: Schema " + schema + " has no Rillflow tables: check --schema, or create"
                            + " them with rillflow schema-sync\n");
        }
    }
}
