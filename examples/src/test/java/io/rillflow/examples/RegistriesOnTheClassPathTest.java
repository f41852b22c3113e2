package io.rillflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.spi.RillflowRegistry;
import io.rillflow.testing.TestDatabase;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The examples see their own registries only: the runtime's test jar (whose test support they reuse) ships no service
 * file, so its hand-written test registry never adds tables to an application's schema.
 */
class RegistriesOnTheClassPathTest {
    private static final String SERVICE_FILE = "META-INF/services/" + RillflowRegistry.class.getName();

    @Test
    void everyServiceFileAndRegistryComesFromTheExamples() throws Exception {
        List<URL> files = Collections.list(getClass().getClassLoader().getResources(SERVICE_FILE));
        List<String> registries = new ArrayList<>();
        ServiceLoader.load(RillflowRegistry.class).stream()
                .forEach(p -> registries.add(p.type().getName()));

        assertThat(files).singleElement().asString().contains("/examples/target/classes/");
        assertThat(registries).singleElement().asString().startsWith("io.rillflow.examples.");
    }

    @Test
    void aStoreCreatesNoTableOfTheRuntimeTests() throws Exception {
        try (Store store = TestDatabase.store(RegistriesOnTheClassPathTest.class);
                Connection connection = store.dataSource().getConnection();
                PreparedStatement tables = connection.prepareStatement(
                        "select table_name from information_schema.tables where table_schema = ?"
                                + " and table_name like 'rf\\_doc\\_%' order by table_name")) {
            tables.setString(1, store.schemaName());
            List<String> names = new ArrayList<>();
            try (ResultSet rows = tables.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }

            assertThat(names).isNotEmpty().doesNotContain("rf_doc_indexed_person");
        }
    }
}
