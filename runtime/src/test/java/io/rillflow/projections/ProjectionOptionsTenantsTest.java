package io.rillflow.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which tenants a daemon serves: every one by default, or a chosen set that the other options keep. */
class ProjectionOptionsTenantsTest {
    @Test
    void theDefaultServesEveryTenant() {
        ProjectionOptions options = ProjectionOptions.defaults();
        assertThat(options.tenants()).isNull();
        assertThat(options.serves("acme")).isTrue();
    }

    @Test
    void aChosenSetServesExactlyThoseAndSurvivesTheOtherOptions() {
        ProjectionOptions options = ProjectionOptions.defaults()
                .withTenants(Set.of("globex", "acme"))
                .withBatchSize(10)
                .withPollInterval(Duration.ofMillis(20))
                .withNodeId("node-a");
        assertThat(options.tenants()).containsExactly("acme", "globex");
        assertThat(options.serves("acme")).isTrue();
        assertThat(options.serves("initech")).isFalse();
        assertThat(options.withTenants(Set.of()).serves("acme")).isFalse();
        assertThat(options.withAllTenants().serves("initech")).isTrue();
        assertThat(options)
                .isEqualTo(ProjectionOptions.defaults()
                        .withNodeId("node-a")
                        .withBatchSize(10)
                        .withPollInterval(Duration.ofMillis(20))
                        .withTenants(Set.of("acme", "globex")));
    }

    @Test
    void aNullTenantIsRefusedNamingTheOption() {
        ProjectionOptions defaults = ProjectionOptions.defaults();
        assertThatThrownBy(() -> new ProjectionOptions(
                        defaults.batchSize(),
                        defaults.concurrency(),
                        defaults.leaseTtl(),
                        defaults.backoffBase(),
                        defaults.backoffCap(),
                        defaults.maxAttempts(),
                        defaults.failurePolicy(),
                        defaults.pollInterval(),
                        defaults.nodeId(),
                        new java.util.HashSet<>(Arrays.asList("acme", null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Projection option tenants must be tenant ids (no null)");
        assertThatThrownBy(() -> defaults.withTenants(null)).isInstanceOf(NullPointerException.class);
    }
}
