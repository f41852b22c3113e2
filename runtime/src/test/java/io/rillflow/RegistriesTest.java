package io.rillflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.documents.DocumentDefinition;
import io.rillflow.events.EventTypeDefinition;
import io.rillflow.spi.RillflowRegistry;
import io.rillflow.testing.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the store reads the generated registries: duplicates count once, a missing registry class is named. */
class RegistriesTest {
    public record Ticket(String id) {}

    public record Opened(String by) {}

    /** The registry an earlier compilation left behind. */
    public static final class OldRegistry implements RillflowRegistry {
        @Override
        public List<DocumentDefinition<?, ?>> documents() {
            return List.of(new DocumentDefinition<>("ticket", Ticket.class, String.class, List.of()));
        }

        @Override
        public List<EventTypeDefinition> eventTypes() {
            return List.of(new EventTypeDefinition("opened", 1, Opened.class));
        }
    }

    /** The registry of a later compilation, declaring the same types again. */
    public static final class NewRegistry implements RillflowRegistry {
        @Override
        public List<DocumentDefinition<?, ?>> documents() {
            return List.of(new DocumentDefinition<>("ticket", Ticket.class, String.class, List.of()));
        }

        @Override
        public List<EventTypeDefinition> eventTypes() {
            return List.of(new EventTypeDefinition("opened", 1, Opened.class));
        }
    }

    @TempDir
    Path services;

    @Test
    void aTypeTwoRegistriesDeclareIsRegisteredOnceAndTheStoreStarts() throws Exception {
        listed(OldRegistry.class.getName(), NewRegistry.class.getName());

        List<DocumentDefinition<?, ?>> documents = withServices(Registries::documents);
        assertThat(documents).filteredOn(d -> d.type() == Ticket.class).hasSize(1);
        assertThat(withServices(Registries::eventTypes))
                .filteredOn(e -> e.type() == Opened.class)
                .hasSize(1);
        try (Store store = withServices(() -> TestDatabase.store(RegistriesTest.class));
                Connection connection = store.dataSource().getConnection();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery("select count(*) from \"" + store.schemaName() + "\".rf_doc_ticket")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isZero();
        }
    }

    @Test
    void aListedRegistryWhoseClassIsGoneIsNamedWithItsServiceFile() throws Exception {
        listed(OldRegistry.class.getName(), "com.example.Gone_Registry");

        assertThatThrownBy(() -> withServices(Registries::documents))
                .isInstanceOf(RillflowException.class)
                .hasMessageContaining("lists the registry com.example.Gone_Registry")
                .hasMessageContaining(services.resolve("META-INF/services/io.rillflow.spi.RillflowRegistry")
                        .toString())
                .hasMessageContaining("Rebuild from clean");
    }

    private void listed(String... registries) throws Exception {
        Path file = services.resolve("META-INF/services/" + RillflowRegistry.class.getName());
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(registries));
    }

    /** Runs {@code action} with a context class loader that also sees the service file of {@link #services}. */
    private <T> T withServices(Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {services.toUri().toURL()}, before)) {
            thread.setContextClassLoader(loader);
            return action.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
