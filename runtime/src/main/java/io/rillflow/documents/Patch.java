package io.rillflow.documents;

import io.rillflow.internal.Identifiers;
import io.rillflow.query.Assignment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Several field changes applied to one document in one statement, server side. Paths are dotted
 * ({@code address.city}); missing parent objects are created.
 *
 * <pre>{@code customers.patch(id, Patch.set("status", "gold").and("address.city", "Berlin")); }</pre>
 */
public final class Patch {
    /**
     * One change of a patch: set the field at {@code path} (split into {@code segments}) to {@code value}.
     *
     * @param path the dotted field path as given
     * @param segments the path's fields, in order
     * @param value the new value: any Jackson-serializable value, or null
     */
    public record Change(String path, List<String> segments, Object value) {}

    private final List<Change> changes = new ArrayList<>();

    private Patch() {}

    /** A patch that sets {@code path} to {@code value}. */
    public static Patch set(String path, Object value) {
        return new Patch().and(path, value);
    }

    /**
     * A patch of typed changes: {@code Patch.of(Customer_.age.set(31), Customer_.address.city.set("Oslo"))}.
     */
    public static Patch of(Assignment change, Assignment... more) {
        Patch patch = new Patch().and(change);
        for (Assignment next : more) {
            patch.and(next);
        }
        return patch;
    }

    /** Adds a typed change to this patch; later changes of the same path win. */
    public Patch and(Assignment change) {
        return and(change.path().dotted(), change.value());
    }

    /** Adds a change to this patch; later changes of the same path win. */
    public Patch and(String path, Object value) {
        changes.add(new Change(path, Identifiers.fieldPath(path), value));
        return this;
    }

    /** The changes in the order they were added, as one statement applies them. */
    public List<Change> changes() {
        return Collections.unmodifiableList(changes);
    }
}
