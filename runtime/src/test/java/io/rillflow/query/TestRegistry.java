package io.rillflow.query;

import io.rillflow.documents.DocumentDefinition;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.spi.RillflowRegistry;
import java.util.List;
import java.util.UUID;

/** What the processor would generate for an indexed {@code Person}: found by the store through ServiceLoader. */
public final class TestRegistry implements RillflowRegistry {
    static final DocumentDefinition<Person, UUID> INDEXED_PERSON = new DocumentDefinition<>(
            "indexed_person",
            Person.class,
            UUID.class,
            List.of(
                    IndexDefinition.btree("email", Person_.email, true),
                    IndexDefinition.btree("age", Person_.age, false),
                    IndexDefinition.btree("since", Person_.since, false),
                    IndexDefinition.btree("address_city", Person_.address.city, false),
                    IndexDefinition.gin("tags", Person_.tags),
                    IndexDefinition.fullText("bio", Person_.bio)));

    @Override
    public List<DocumentDefinition<?, ?>> documents() {
        return List.of(INDEXED_PERSON);
    }
}
