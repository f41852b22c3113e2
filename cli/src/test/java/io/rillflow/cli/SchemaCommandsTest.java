package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** schema-plan shows the migrations without applying them; schema-sync applies them once. */
class SchemaCommandsTest {
    @Test
    void planShowsPendingMigrationsThenSyncAppliesThem() throws SQLException {
        String schema = TestDatabase.freshSchema(SchemaCommandsTest.class);
        String[] where = {"--database-url=" + TestDatabase.jdbcUrl(), "--schema=" + schema};

        Cli.Result plan = Cli.run(concat(new String[] {"schema-plan"}, where));
        assertThat(plan.exitCode()).isZero();
        assertThat(plan.out()).contains("-- 0001_core", "CREATE TABLE");
        JsonNode json = Cli.run(concat(new String[] {"schema-plan", "--output=json"}, where))
                .json()
                .get(0);
        assertThat(json.get("schema").asText()).isEqualTo(schema);
        assertThat(json.get("up_to_date").asBoolean()).isFalse();
        assertThat(json.get("pending").get(0).asText()).isEqualTo("0001_core");
        assertThat(tableExists(schema, "rf_events")).isFalse();

        Cli.Result sync = Cli.run(concat(new String[] {"schema-sync"}, where));
        assertThat(sync.exitCode()).isZero();
        assertThat(sync.out()).startsWith("Applied to schema " + schema + ": 0001_core, ");
        assertThat(tableExists(schema, "rf_events")).isTrue();

        assertThat(Cli.run(concat(new String[] {"schema-sync"}, where)).out())
                .isEqualTo("Schema " + schema + " was up to date.\n");
        assertThat(Cli.run(concat(new String[] {"schema-plan"}, where)).out())
                .isEqualTo("Schema " + schema + " is up to date.\n");
        assertThat(Cli.run(concat(new String[] {"schema-plan", "-o", "json"}, where))
                        .json()
                        .get(0)
                        .get("up_to_date")
                        .asBoolean())
                .isTrue();
    }

    private static boolean tableExists(String schema, String table) throws SQLException {
        try (Connection c = TestDatabase.connection();
                ResultSet rs = c.createStatement()
                        .executeQuery("select to_regclass('\"" + schema + "\"." + table + "') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
