package io.rillflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import io.rillflow.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    record Note(String text) {}

    @Test
    void embeddedStoreKeepsDocumentsAndEventsAcrossReopen(@TempDir Path dir) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Store store = Store.embedded(dir)) {
            store.documents(Note.class, UUID.class).put(id, new Note("kept"));
            store.events().append(id, Expected.noStream(), List.of(Event.of("Noted", Map.of("n", 1))));
            try (Connection c = store.dataSource().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("show fsync")) {
                rs.next();
                assertThat(rs.getString(1)).as("an embedded store is durable").isEqualTo("on");
            }
        }
        try (Store reopened = Store.embedded(dir)) {
            assertThat(reopened.documents(Note.class, UUID.class).load(id)).contains(new Note("kept"));
            assertThat(reopened.events().readStream(id)).hasSize(1);
            assertThat(reopened.schema().plan().isEmpty()).isTrue();
        }
    }

    @Test
    void closeReleasesThePool() {
        Store store = TestDatabase.store(getClass());
        store.close();
        assertThatThrownBy(() -> store.dataSource().getConnection()).isInstanceOf(SQLException.class);
    }

    @Test
    void postgresUrlsAreAcceptedAsWellAsJdbcUrls() {
        assertThat(DatabaseUrl.toJdbc("postgres://ada:s%40cret@db.example:5433/app?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db.example:5433/app?sslmode=require&user=ada&password=s%40cret");
        assertThat(DatabaseUrl.toJdbc("postgresql://localhost/app")).isEqualTo("jdbc:postgresql://localhost/app");
        assertThat(DatabaseUrl.toJdbc("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
        assertThatThrownBy(() -> DatabaseUrl.toJdbc("mysql://root:hunter2@h/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mysql://root:***@h/db")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void unreachableServerFailsFastNamingTheUrl() {
        assertThatThrownBy(() -> Store.builder("jdbc:postgresql://127.0.0.1:1/none")
                        .connectTimeout(Duration.ofMillis(500))
                        .build())
                .isInstanceOf(RillflowException.class)
                .hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void aFailedConnectionNeverShowsThePassword() {
        assertThatThrownBy(() -> Store.builder("postgres://ada:s3cret-pw@127.0.0.1:1/none")
                        .connectTimeout(Duration.ofMillis(500))
                        .build())
                .isInstanceOf(RillflowException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("s3cret-pw");
        assertThat(DatabaseUrl.redact("jdbc:postgresql://h/db?user=ada&password=x%26y&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=ada&password=***&ssl=true");
        assertThat(DatabaseUrl.redact("postgres://ada:pw@h/db")).isEqualTo("postgres://ada:***@h/db");
    }

    @Test
    void aMapperThatWouldStoreFieldsDifferentlyThanQueriesReadThemIsRefused() {
        ObjectMapper numericDates = new ObjectMapper().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        assertThatThrownBy(() -> Store.builder("jdbc:postgresql://h/db").objectMapper(numericDates))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WRITE_DATES_AS_TIMESTAMPS");
        ObjectMapper snakeCase = new ObjectMapper()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        assertThatThrownBy(() -> Store.builder("jdbc:postgresql://h/db").objectMapper(snakeCase))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SnakeCaseStrategy")
                .hasMessageContaining("@JsonProperty");
        ObjectMapper fine = new ObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        assertThat(Store.builder("jdbc:postgresql://h/db").objectMapper(fine)).isNotNull();
    }

    @Test
    void invalidSettingsNameTheSetting() {
        assertThatThrownBy(() -> Store.builder("jdbc:postgresql://h/db").maxConnections(0))
                .hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> Store.builder("jdbc:postgresql://h/db").connectTimeout(Duration.ofMillis(1)))
                .hasMessageContaining("connectTimeout");
    }
}
