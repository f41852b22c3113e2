package io.rillflow.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A test document with one field of every kind the DSL handles. */
record Person(
        UUID id,
        String name,
        String email,
        Integer age,
        BigDecimal balance,
        Long big,
        Boolean active,
        Instant since,
        LocalDate born,
        List<String> tags,
        Address address,
        Tier tier,
        String bio) {

    record Address(String city, String zip) {}

    enum Tier {
        BASIC,
        GOLD
    }

    static Person named(String name) {
        return new Person(UUID.randomUUID(), name, null, null, null, null, null, null, null, null, null, null, null);
    }

    Person withAge(Integer value) {
        return new Person(id, name, email, value, balance, big, active, since, born, tags, address, tier, bio);
    }

    Person withEmail(String value) {
        return new Person(id, name, value, age, balance, big, active, since, born, tags, address, tier, bio);
    }

    Person withBalance(BigDecimal value) {
        return new Person(id, name, email, age, value, big, active, since, born, tags, address, tier, bio);
    }

    Person withBig(Long value) {
        return new Person(id, name, email, age, balance, value, active, since, born, tags, address, tier, bio);
    }

    Person withActive(Boolean value) {
        return new Person(id, name, email, age, balance, big, value, since, born, tags, address, tier, bio);
    }

    Person withSince(Instant value) {
        return new Person(id, name, email, age, balance, big, active, value, born, tags, address, tier, bio);
    }

    Person withBorn(LocalDate value) {
        return new Person(id, name, email, age, balance, big, active, since, value, tags, address, tier, bio);
    }

    Person withTags(List<String> value) {
        return new Person(id, name, email, age, balance, big, active, since, born, value, address, tier, bio);
    }

    Person withAddress(Address value) {
        return new Person(id, name, email, age, balance, big, active, since, born, tags, value, tier, bio);
    }

    Person withTier(Tier value) {
        return new Person(id, name, email, age, balance, big, active, since, born, tags, address, value, bio);
    }

    Person withBio(String value) {
        return new Person(id, name, email, age, balance, big, active, since, born, tags, address, tier, value);
    }
}
