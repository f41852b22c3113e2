package io.rillflow.documents;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The document types the document tests store: records with nested records, lists, enums and dates, and a bean. */
final class SampleDocuments {
    private SampleDocuments() {}

    enum Tier {
        BRONZE,
        SILVER,
        GOLD
    }

    record Geo(Double lat, Double lon) {}

    record Address(String street, String city, Geo geo) {}

    record Customer(
            String name,
            String email,
            Address address,
            List<String> tags,
            Tier tier,
            Instant since,
            LocalDate birthday,
            BigDecimal balance) {

        static Customer named(String name) {
            return new Customer(
                    name,
                    name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.com",
                    null,
                    List.of(),
                    Tier.BRONZE,
                    Instant.parse("2024-01-01T00:00:00Z"),
                    LocalDate.of(1990, 1, 1),
                    new BigDecimal("0.00"));
        }

        Customer withName(String newName) {
            return new Customer(newName, email, address, tags, tier, since, birthday, balance);
        }

        Customer withAddress(Address newAddress) {
            return new Customer(name, email, newAddress, tags, tier, since, birthday, balance);
        }

        Customer withTier(Tier newTier) {
            return new Customer(name, email, address, tags, newTier, since, birthday, balance);
        }

        Customer withBalance(BigDecimal newBalance) {
            return new Customer(name, email, address, tags, tier, since, birthday, newBalance);
        }
    }

    record Counter(String name, long count) {
        Counter increment() {
            return new Counter(name, count + 1);
        }
    }

    /** A document with an open set of keys, for patches that each touch their own key. */
    record Board(String title, Map<String, String> slots) {}

    /** A mutable document, changed in place with {@code mutate}. */
    public static final class Cart {
        public String owner;
        public List<String> items = new ArrayList<>();
        public int revision;

        public Cart() {}

        Cart(String owner, String... items) {
            this.owner = owner;
            this.items.addAll(List.of(items));
        }
    }
}
