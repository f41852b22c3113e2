package io.rillflow.documents;

import static io.rillflow.documents.IndexFixture.NOTE;
import static io.rillflow.documents.IndexFixture.PRICE_AS_NUMBER;
import static io.rillflow.documents.IndexFixture.PRICE_AS_TEXT;
import static io.rillflow.documents.IndexFixture.SKU;
import static io.rillflow.documents.IndexFixture.TAGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.documents.internal.IndexDdl;
import io.rillflow.query.FullTextPath;
import io.rillflow.query.TemporalPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The fingerprints schema sync compares. They hash the rendered DDL, so a change in how an index renders (even in
 * whitespace) rebuilds every existing index of that shape at the next sync: the pinned values make such a change a
 * decision, not an accident.
 */
class IndexFingerprintTest {
    private static final Map<String, IndexDefinition> SHAPES = new TreeMap<>(Map.of(
            "btree text", IndexDefinition.btree("sku", SKU, false),
            "btree text unique", IndexDefinition.btree("sku", SKU, true),
            "btree numeric", IndexDefinition.btree("price", PRICE_AS_NUMBER, false),
            "btree timestamptz",
                    IndexDefinition.btree("since", new TemporalPath<>(null, "since", Instant.class), false),
            "gin", IndexDefinition.gin("tags", TAGS),
            "full text", IndexDefinition.fullText("note", new FullTextPath(null, "note", "english"))));

    @Test
    void everyIndexShapeKeepsItsFingerprint() {
        Map<String, String> fingerprints = new TreeMap<>();
        SHAPES.forEach((shape, index) -> fingerprints.put(shape, IndexDdl.fingerprint(index)));
        assertThat(fingerprints)
                .as("index rendering changed: existing indexes of these shapes will be rebuilt at the next sync")
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(
                        "btree text",
                                "rillflow:sha256:1e5f8086e24dcd18f11efdc68911c63011047425eadda7994c527a6090bb7432",
                        "btree text unique",
                                "rillflow:sha256:48033a2ace3c2ff95b48e897f1a02aff8a6031b3467714644f8ea17b2fbb4eaf",
                        "btree numeric",
                                "rillflow:sha256:27d228f1f009ce29a4b0ef6cc02d09510b18da41d7e09457b578f817f323c116",
                        "btree timestamptz",
                                "rillflow:sha256:0169bee2a10dedd7e6cb59b6ebb07d6f11c5e68561265c835d4270ba269f1d3b",
                        "gin", "rillflow:sha256:d94608fd6794aa204b380dc4f9a038a7571df7abbd97aeec875e9350004d8d35",
                        "full text",
                                "rillflow:sha256:bb667d6649d616f36e339db4b4f8ee5f0ba670c28e85d17bf98a8f828e7f9cbf")));
    }

    @Test
    void whatTheIndexDoesChangesTheFingerprintAndItsNameDoesNot() {
        assertThat(List.of(
                        IndexDefinition.btree("sku", SKU, false),
                        IndexDefinition.btree("sku", SKU, true),
                        IndexDefinition.gin("sku", SKU),
                        IndexDefinition.btree("sku", NOTE, false),
                        IndexDefinition.btree("price", PRICE_AS_TEXT, false),
                        IndexDefinition.btree("price", PRICE_AS_NUMBER, false)))
                .extracting(IndexDdl::fingerprint)
                .doesNotHaveDuplicates()
                .allSatisfy(f -> assertThat(f).startsWith(IndexDdl.FINGERPRINT_PREFIX));
        assertThat(IndexDdl.fingerprint(IndexDefinition.btree("sku", SKU, false)))
                .isEqualTo(IndexDdl.fingerprint(IndexDefinition.btree("code", SKU, false)));
    }
}
