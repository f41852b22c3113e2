package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.events.Event;
import io.rillflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The snapshot commands fold the application's aggregate streams with its own code from {@code --classpath}, and
 * write a snapshot for each stream far enough behind; the events were appended by a store that knows nothing of it.
 */
class SnapshotsCommandTest {
    private static Store app;
    private static String classpath;

    @BeforeAll
    static void open() {
        app = TestDatabase.store(SnapshotsCommandTest.class);
        classpath = FixtureApplication.classes().toString();
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void compactOnceSnapshotsOneBatchAndRunUntilIdleTheRestOfTheLongStreams() {
        List<UUID> long_ = List.of(tally(5), tally(5), tally(5));
        UUID short_ = tally(2);

        Cli.Result once = Cli.on(
                app, "snapshots", "compact-once", "--classpath=" + classpath, "--threshold=3", "--batch=2", "-o=json");
        assertThat(once.err()).isEmpty();
        assertThat(once.exitCode()).isZero();
        assertThat(once.json()).singleElement().satisfies(row -> {
            assertThat(row.get("aggregate").asText()).isEqualTo(FixtureApplication.AGGREGATE);
            assertThat(row.get("snapshots").asInt()).isEqualTo(2);
        });
        assertThat(snapshots()).isEqualTo(2);

        Cli.Result idle =
                Cli.on(app, "snapshots", "run-until-idle", "--classpath=" + classpath, "--threshold=3", "--batch=2");
        assertThat(idle.exitCode()).isZero();
        assertThat(idle.lines()).containsExactly("AGGREGATE  SNAPSHOTS", "tally      1");
        assertThat(snapshots()).isEqualTo(3);
        for (UUID stream : long_) {
            assertThat(TestDatabase.count(
                            "select stream_version from \"" + app.schemaName() + "\".rf_snapshots where stream_id = ?",
                            stream))
                    .isEqualTo(5);
        }
        assertThat(TestDatabase.count(
                        "select count(*) from \"" + app.schemaName() + "\".rf_snapshots where stream_id = ?", short_))
                .isZero();
    }

    @Test
    void anUnknownAggregateIsNotFoundAndBadNumbersAreUsageErrors() {
        Cli.Result unknown = Cli.on(
                app, "snapshots", "compact-once", "--classpath=" + classpath, "--threshold=3", "--aggregate=nope");
        assertThat(unknown.exitCode()).isEqualTo(Rillflow.NOT_FOUND);
        assertThat(unknown.err())
                .isEqualTo("rillflow: The --classpath declares no aggregate nope; it declares [tally]"
                        + System.lineSeparator());

        Cli.Result zero = Cli.on(app, "snapshots", "run-until-idle", "--classpath=" + classpath, "--threshold=0");
        assertThat(zero.exitCode()).isEqualTo(Rillflow.USAGE);
        assertThat(zero.err()).startsWith("rillflow: --threshold and --batch must be 1 or more, were 0 and 100");
    }

    /** A tally stream of {@code events} stored v1 events, which the application upcasts when it reads them. */
    private static UUID tally(int events) {
        UUID id = UUID.randomUUID();
        List<Object> added = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            added.add(Event.of(FixtureApplication.TALLY_EVENT, Map.of("by", 1)));
        }
        app.events()
                .builder(id)
                .streamType(FixtureApplication.AGGREGATE)
                .pushAll(added)
                .send();
        return id;
    }

    private static long snapshots() {
        return TestDatabase.count("select count(*) from \"" + app.schemaName() + "\".rf_snapshots");
    }
}
