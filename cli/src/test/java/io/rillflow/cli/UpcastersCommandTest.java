package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
    void pathShowsEachStepWithTheClassOfEachVersion() {
        String classpath = "--classpath=" + FixtureApplication.classes();

        Cli.Result path = Cli.run("upcasters", "path", "TallyAdded", classpath);
        assertThat(path.err()).isEmpty();
        assertThat(path.exitCode()).isZero();
        assertThat(path.lines())
                .containsExactly(
                        "EVENT_TYPE  FROM_VERSION  TO_VERSION  CLASS",
                        "TallyAdded  1             2           fixture.tally.TallyAdded$TallyAddedV1",
                        "TallyAdded  2             -           fixture.tally.TallyAdded");

        assertThat(Cli.run("upcasters", "path", "TallyAdded", "--from=2", classpath, "-o", "json")
                        .json())
                .extracting(Object::toString)
                .containsExactly("{\"event_type\":\"TallyAdded\",\"from_version\":2,\"to_version\":null,"
                        + "\"class\":\"fixture.tally.TallyAdded\"}");

        Cli.Result unknown = Cli.run("upcasters", "path", "Nope", classpath);
        assertThat(unknown.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(unknown.err())
                .isEqualTo(
                        "rillflow: The --classpath declares no event type Nope; it declares [TallyAdded, TaskAdded]\n");

        Cli.Result beyond = Cli.run("upcasters", "path", "TallyAdded", "--from=3", classpath);
        assertThat(beyond.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(beyond.err())
                .isEqualTo("rillflow: --from must be between 1 and 2 (the current version of TallyAdded), was 3\n");
    }

    @Test
    void pathFailsNamingAMissingStep() throws Exception {
        // A hand-written registry: the processor never generates a chain with a gap, but registries of several
        // compilations (or an old jar beside a new one) can.
        Path app = FixtureApplication.compile(Map.of("gapped/GappedRegistry.java", """
                package gapped;

                import io.rillflow.events.EventTypeDefinition;
                import io.rillflow.events.EventUpcaster;
                import io.rillflow.spi.RillflowRegistry;
                import java.util.List;

                public final class GappedRegistry implements RillflowRegistry {
                    public record V1(long n) {}

                    public record V3(long n) {}

                    @Override
                    public List<EventTypeDefinition> eventTypes() {
                        return List.of(
                                new EventTypeDefinition("Gapped", 1, V1.class),
                                new EventTypeDefinition("Gapped", 3, V3.class));
                    }

                    @Override
                    public List<EventUpcaster> upcasters() {
                        return List.of(new EventUpcaster("Gapped", 1, (data, mapper) -> data));
                    }
                }
                """));
        Path services = Files.createDirectories(app.resolve("META-INF/services"));
        Files.writeString(services.resolve("io.rillflow.spi.RillflowRegistry"), "gapped.GappedRegistry\n");

        Cli.Result path = Cli.run("upcasters", "path", "Gapped", "--classpath=" + app);
        assertThat(path.exitCode()).isEqualTo(Rillflow.FAILED);
        assertThat(path.lines())
                .containsExactly(
                        "EVENT_TYPE  FROM_VERSION  TO_VERSION  CLASS",
                        "Gapped      1             2           gapped.GappedRegistry$V1",
                        "Gapped      3             -           gapped.GappedRegistry$V3");
        assertThat(path.err())
                .isEqualTo("rillflow: Event type Gapped has no upcaster from v2: stored v2 events cannot be read as"
                        + " v3\n");
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
