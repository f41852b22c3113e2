package io.rillflow.examples.catalog;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.FullText;
import io.rillflow.annotations.Id;
import io.rillflow.annotations.Index;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A product of the catalogue, stored in {@code rf_doc_product}: unique by SKU, searchable by description, indexed by
 * price, tags and the supplier's city.
 *
 * @param id the product's id
 * @param sku the stock-keeping unit, unique among live products
 * @param name the display name
 * @param description free text, searched in English
 * @param price the unit price
 * @param stock units in stock
 * @param tags labels such as {@code organic}
 * @param addedAt when the product entered the catalogue
 * @param supplier who supplies it
 * @param availability whether it can be ordered
 */
@Document
@Index(path = "supplier.city")
public record Product(
        @Id UUID id,
        @Index(unique = true) String sku,
        String name,
        @FullText(language = "english") String description,
        @Index BigDecimal price,
        int stock,
        @Index(kind = Index.Kind.GIN) List<String> tags,
        Instant addedAt,
        Supplier supplier,
        Availability availability) {

    /** This product with {@code stock} units in stock. */
    public Product withStock(int stock) {
        return new Product(id, sku, name, description, price, stock, tags, addedAt, supplier, availability);
    }
}
