package io.rillflow.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The metamodel the processor would generate for {@link Person}, written by hand for runtime tests. */
final class Person_ {
    static final UuidPath id = new UuidPath(null, "id");
    static final StringPath name = new StringPath(null, "name");
    static final StringPath email = new StringPath(null, "email");
    static final NumberPath<Integer> age = new NumberPath<>(null, "age");
    static final NumberPath<BigDecimal> balance = new NumberPath<>(null, "balance");
    static final NumberPath<Long> big = new NumberPath<>(null, "big");
    static final BooleanPath active = new BooleanPath(null, "active");
    static final TemporalPath<Instant> since = new TemporalPath<>(null, "since", Instant.class);
    static final TemporalPath<LocalDate> born = new TemporalPath<>(null, "born", LocalDate.class);
    static final CollectionPath<String> tags = new CollectionPath<>(null, "tags");
    static final Address_ address = new Address_(null, "address");
    static final EnumPath<Person.Tier> tier = new EnumPath<>(null, "tier");
    static final FullTextPath bio = new FullTextPath(null, "bio", "english");

    static final class Address_ extends ObjectPath {
        final StringPath city;
        final StringPath zip;

        Address_(ObjectPath parent, String name) {
            super(parent, name);
            city = new StringPath(this, "city");
            zip = new StringPath(this, "zip");
        }
    }

    private Person_() {}
}
