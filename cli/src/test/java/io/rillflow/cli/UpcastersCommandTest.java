package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code upcasters list} reads the application's registries from {@code --classpath}, with no database. */
class UpcastersCommandTest {
    @Test
    void listsEveryEventTypeWithItsCurrentVersionAndUpcastChainInBothForms() {
        String classpath = "--classpath=" + FixtureApplication.classes();

        Cli.Result table = Cli.run("upcasters", "list", classpath);
        assertThat(table.err()).isEmpty();
        assertThat(table.exitCode()).isZero();
        assertThat(table.lines())
                .containsExactly(
                        "EVENT_TYPE  VERSION  CLASS                     UPCASTS",
                        "TallyAdded  2        fixture.tally.TallyAdded  v1 -> v2",
                        "TaskAdded   1        fixture.tasks.TaskAdded   -");

        assertThat(Cli.run("upcasters", "list", classpath, "-o", "json").json())
                .extracting(Object::toString)
                .containsExactly(
                        "{\"event_type\":\"TallyAdded\",\"version\":2,\"class\":\"fixture.tally.TallyAdded\","
                                + "\"upcasts\":\"v1 -> v2\"}",
                        "{\"event_type\":\"TaskAdded\",\"version\":1,\"class\":\"fixture.tasks.TaskAdded\","
                                + "\"upcasts\":null}");
    }

    @Test
    void aRegistryWhoseClassIsMissingIsAUsageErrorNamingIt(@TempDir Path app) throws Exception {
        Path services = Files.createDirectories(app.resolve("META-INF/services"));
        Files.writeString(services.resolve("io.rillflow.spi.RillflowRegistry"), "gone.MissingRegistry\n");

        Cli.Result result = Cli.run("upcasters", "list", "--classpath=" + app);
        assertThat(result.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(result.err())
                .startsWith(
                        "rillflow: --classpath " + app + " cannot load the application's registries (a jar missing?)")
                .contains("gone.MissingRegistry")
                .hasLineCount(1);
    }

    @Test
    void aClasspathWithoutRegistriesIsAUsageError(@TempDir Path empty) {
        Cli.Result result = Cli.run("upcasters", "list", "--classpath=" + empty);
        assertThat(result.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(result.err()).startsWith("rillflow: --classpath " + empty + " has no generated Rillflow registry");
    }
}
