package io.rillflow.sessions.internal;

import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.DocumentDefinition;
import io.rillflow.documents.Versioned;
import io.rillflow.documents.internal.UnitWrites;
import io.rillflow.documents.internal.UnitWrites.Change;
import io.rillflow.documents.internal.UnitWrites.Kind;
import io.rillflow.sessions.SessionKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One document type inside a session: what the session loaded (instances, versions and, when dirty-tracked, the JSON
 * they were loaded as) and what it staged, one change per id, the last one winning.
 *
 * @param <T> the document type
 * @param <I> the id type
 */
final class TrackedTable<T, I> {
    /** A document the session read: the instance it handed out (none without an identity map) and its version. */
    private static final class Loaded<T> {
        T instance;
        long version;
        String json;

        Loaded(T instance, long version, String json) {
            this.instance = instance;
            this.version = version;
            this.json = json;
        }
    }

    /** A staged change: the document is encoded when the session saves, so changes made to it until then count. */
    private record Staged<T>(Kind kind, T document, long expected) {}

    private final DocumentDefinition<T, I> definition;
    private final DocumentCollection<T, I> collection;
    private final UnitWrites<T, I> writes;
    private final SessionKind kind;
    private final Map<I, Loaded<T>> loaded = new HashMap<>();
    private final Map<I, Staged<T>> staged = new LinkedHashMap<>();

    TrackedTable(
            DocumentDefinition<T, I> definition,
            DocumentCollection<T, I> collection,
            UnitWrites<T, I> writes,
            SessionKind kind) {
        this.definition = definition;
        this.collection = collection;
        this.writes = writes;
        this.kind = kind;
    }

    String name() {
        return writes.name();
    }

    DocumentCollection<T, I> collection() {
        return collection;
    }

    UnitWrites<T, I> writes() {
        return writes;
    }

    I idOf(T document) {
        return writes.requireId(definition.idOf(document));
    }

    I requireId(Object id) {
        return writes.requireId(id);
    }

    Optional<T> load(I id) {
        Staged<T> change = staged.get(id);
        if (change != null) {
            return change.kind() == Kind.DELETE ? Optional.empty() : Optional.of(change.document());
        }
        Loaded<T> known = loaded.get(id);
        if (known != null && known.instance != null) {
            return Optional.of(known.instance);
        }
        Optional<Versioned<T>> read = collection.get(id);
        read.ifPresent(found -> remember(id, found));
        return read.map(Versioned::value);
    }

    private void remember(I id, Versioned<T> found) {
        switch (kind) {
            case READ_ONLY -> {}
            case LIGHTWEIGHT -> loaded.put(id, new Loaded<>(null, found.version(), null));
            case IDENTITY_MAP -> loaded.put(id, new Loaded<>(found.value(), found.version(), null));
            case DIRTY_TRACKED ->
                loaded.put(id, new Loaded<>(found.value(), found.version(), writes.encode(id, found.value())));
        }
    }

    /** Stages a store of {@code document}, checked against {@code expected}, or the version loaded when null. */
    void store(T document, Long expected) {
        I id = idOf(document);
        Loaded<T> known = loaded.get(id);
        long check = expected != null ? expected : known == null ? -1 : known.version;
        staged.put(id, new Staged<>(Kind.STORE, document, check));
        if (known != null && known.instance != null) {
            known.instance = document;
        }
    }

    void insert(T document) {
        staged.put(idOf(document), new Staged<>(Kind.INSERT, document, 0));
    }

    void delete(I id) {
        Loaded<T> known = loaded.remove(id);
        staged.put(id, new Staged<>(Kind.DELETE, null, known == null ? -1 : known.version));
    }

    boolean hasChanges() {
        return !staged.isEmpty() || !dirty().isEmpty();
    }

    /** The changes to write: the staged ones, then the loaded documents whose JSON changed if dirty-tracked. */
    List<Change<I>> changes() {
        List<Change<I>> changes = new ArrayList<>(staged.size());
        staged.forEach((id, change) -> changes.add(new Change<>(
                change.kind(),
                id,
                change.kind() == Kind.DELETE ? null : writes.encode(id, change.document()),
                change.expected())));
        dirty().forEach((id, json) -> changes.add(new Change<>(Kind.STORE, id, json, loaded.get(id).version)));
        return changes;
    }

    /** The loaded, unstaged documents whose JSON is not what they were loaded as; none unless dirty-tracked. */
    private Map<I, String> dirty() {
        if (kind != SessionKind.DIRTY_TRACKED) {
            return Map.of();
        }
        Map<I, String> changed = new LinkedHashMap<>();
        loaded.forEach((id, known) -> {
            if (!staged.containsKey(id)) {
                String now = writes.encode(id, known.instance);
                if (!now.equals(known.json)) {
                    changed.put(id, now);
                }
            }
        });
        return changed;
    }

    /**
     * After a save: the versions written become the ones loaded (and the JSON saved the one to compare with), and
     * nothing is staged.
     */
    void saved(List<Change<I>> written, Map<I, Long> versions) {
        for (Change<I> change : written) {
            if (change.kind() == Kind.DELETE) {
                loaded.remove(change.id());
                continue;
            }
            Loaded<T> known = loaded.get(change.id());
            T document = known != null && known.instance != null
                    ? known.instance
                    : staged.containsKey(change.id()) ? staged.get(change.id()).document() : null;
            long version = versions.get(change.id());
            if (kind != SessionKind.READ_ONLY) {
                loaded.put(
                        change.id(),
                        new Loaded<>(
                                kind == SessionKind.LIGHTWEIGHT ? null : document,
                                version,
                                kind == SessionKind.DIRTY_TRACKED ? change.body() : null));
            }
        }
        staged.clear();
    }
}
