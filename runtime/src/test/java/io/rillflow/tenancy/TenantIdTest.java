package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.InvalidIdentifierException;
import org.junit.jupiter.api.Test;

/** Tenant ids and schema patterns are checked before any SQL exists, with messages that say what is wrong. */
class TenantIdTest {
    private final TenancyStrategy.SchemaPerTenant strategy = TenancyStrategy.schemaPerTenant();

    @Test
    void aGoodIdNamesTheDefaultSchema() {
        assertThat(strategy.schemaFor("acme")).isEqualTo("tenant_acme");
        assertThat(strategy.schemaFor("a1_b2")).isEqualTo("tenant_a1_b2");
        assertThat(strategy.withSchemaPattern("{tenant}_data").schemaFor("acme"))
                .isEqualTo("acme_data");
    }

    @Test
    void theLongestIdFillsPostgresqlsSixtyThreeCharacters() {
        assertThat(strategy.maxTenantLength()).isEqualTo(56);
        assertThat(strategy.schemaFor("a".repeat(56))).hasSize(63);
        assertThatThrownBy(() -> strategy.schemaFor("a".repeat(57)))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("Invalid tenant id \"" + "a".repeat(40) + "\"... (57 characters): it has 57 characters, at"
                        + " most 56 fit in the tenant's schema name");
    }

    @Test
    void hostileIdsAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> strategy.schemaFor(null))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("The tenant id must not be null");
        assertThatThrownBy(() -> strategy.schemaFor(""))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("The tenant id must not be empty");
        assertThatThrownBy(() -> strategy.schemaFor("acme\"; drop schema public cascade; --"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageStartingWith("Invalid tenant id \"acme\"; drop schema public cascade; --\": character '\"'"
                        + " (U+0022) at index 4 is not allowed");
        assertThatThrownBy(() -> strategy.schemaFor("acme;")).hasMessageContaining("character ';' (U+003B) at index 4");
        // A Cyrillic "а" looks like the Latin one.
        assertThatThrownBy(() -> strategy.schemaFor("\u0430cme"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("character '\u0430' (U+0430) at index 0 is not allowed; a tenant id is lower-case"
                        + " ASCII letters, digits and underscores, starting with a letter");
        assertThatThrownBy(() -> strategy.schemaFor("Acme")).hasMessageContaining("character 'A' (U+0041) at index 0");
        assertThatThrownBy(() -> strategy.schemaFor("1acme")).hasMessageContaining("character '1' (U+0031) at index 0");
        assertThatThrownBy(() -> strategy.schemaFor("_acme")).hasMessageContaining("character '_' (U+005F) at index 0");
        assertThatThrownBy(() -> strategy.schemaFor("ac me")).hasMessageContaining("character ' ' (U+0020) at index 2");
    }

    @Test
    void aTenKilobyteIdIsRefusedWithAShortMessage() {
        String huge = "a".repeat(10_240);
        assertThatThrownBy(() -> strategy.schemaFor(huge))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("(10240 characters): it has 10240 characters, at most 56")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    @Test
    void badSchemaPatternsAreRefused() {
        assertThatThrownBy(() -> strategy.withSchemaPattern("tenant"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("Invalid tenant schema pattern \"tenant\": it must hold {tenant} exactly once");
        assertThatThrownBy(() -> strategy.withSchemaPattern("{tenant}_{tenant}"))
                .hasMessageContaining("exactly once");
        assertThatThrownBy(() -> strategy.withSchemaPattern("{tenant}"))
                .hasMessageContaining("it needs a prefix or suffix besides {tenant}");
        assertThatThrownBy(() -> strategy.withSchemaPattern("t-{tenant}"))
                .hasMessageContaining("lower-case ASCII letters, digits and underscores, starting with a letter");
        assertThatThrownBy(() -> strategy.withSchemaPattern("9_{tenant}"))
                .hasMessageContaining("starting with a letter");
        assertThatThrownBy(() -> strategy.withSchemaPattern("pg_{tenant}")).hasMessageContaining("reserves");
        assertThatThrownBy(() -> strategy.withSchemaPattern("p" + "x".repeat(55) + "_{tenant}"))
                .hasMessageContaining("fewer than 8 characters for the tenant id");
        assertThatThrownBy(() -> strategy.withSchemaPattern(null)).isInstanceOf(NullPointerException.class);
    }
}
