package io.rillflow.examples.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.Store;
import io.rillflow.documents.DocumentMetadata;
import io.rillflow.documents.StoredDocument;
import io.rillflow.query.Meta;
import io.rillflow.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Metadata through the generated repository: read with the document, and queried next to metamodel paths. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductMetadataTest {
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    private Store store;
    private ProductRepository products;

    @BeforeAll
    void open() {
        store = TestDatabase.store(getClass());
        products = new ProductRepository(store);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void aPatchThroughTheMetamodelMovesUpdatedAtAndVersionButNotCreatedAt() {
        Product tea = Teas.tea("TEA-META");
        products.put(tea);
        backdate(tea.id());

        products.patch(tea.id(), Product_.stock.set(7));

        StoredDocument<Product> stored = products.loadWithMetadata(tea.id()).orElseThrow();
        DocumentMetadata metadata = stored.metadata();
        assertThat(stored.value().stock()).isEqualTo(7);
        assertThat(metadata.version()).isEqualTo(2);
        assertThat(metadata.createdAt()).isEqualTo(LONG_AGO);
        assertThat(metadata.updatedAt()).isAfter(LONG_AGO);
    }

    @Test
    void onlyTheProductsChangedSinceAPointInTimeAreFound() {
        Product stale = Teas.tea("STALE-1");
        Product fresh = Teas.tea("FRESH-1");
        products.put(stale);
        products.put(fresh);
        backdate(stale.id());

        List<String> changed = products
                .query()
                .where(Meta.updatedAt().after(LONG_AGO).and(Product_.sku.in(List.of("STALE-1", "FRESH-1"))))
                .orderBy(Meta.updatedAt().desc())
                .list()
                .stream()
                .map(Product::sku)
                .toList();

        assertThat(changed).containsExactly("FRESH-1");
    }

    private void backdate(UUID id) {
        TestDatabase.execute("update \"" + store.schemaName() + "\".rf_doc_product set created_at = '" + LONG_AGO
                + "', updated_at = '" + LONG_AGO + "' where id = '" + id + "'");
    }
}
