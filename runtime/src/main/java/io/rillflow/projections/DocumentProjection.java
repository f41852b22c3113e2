package io.rillflow.projections;

import io.rillflow.RillflowException;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.internal.DocumentTables;
import io.rillflow.events.EventEnvelope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A ready-made projection that folds events into documents, one document per key:
 *
 * <ul>
 *   <li>{@link #perStream}: one document per stream, keyed by the stream id, like an aggregate's state kept current
 *       for queries;
 *   <li>{@link #keyed}: one document per value taken from each event (a customer id, a day), gathering events of many
 *       streams.
 * </ul>
 *
 * <pre>{@code
 * store.projections().register(DocumentProjection.perStream("order_views", OrderView.class)
 *         .on(OrderPlaced.class, (view, e, meta) -> new OrderView(meta.streamId(), e.total(), "placed"))
 *         .on(OrderShipped.class, (view, e, meta) -> view.withStatus("shipped"))
 *         .build());
 * }</pre>
 *
 * Each fold gets the current document (null when there is none) and returns the next one, or null to delete it. The
 * documents are read and written in the batch's transaction, so they commit with the checkpoint. A rebuild empties the
 * document table.
 *
 * @param <D> the document type
 * @param <I> the document id type
 */
public final class DocumentProjection<D, I> implements ProjectionHandler {
    /** Computes the next state of a document from an event. */
    @FunctionalInterface
    public interface Fold<D, E> {
        /**
         * @param current the stored document, or null if there is none yet
         * @return the document to store, or null to delete it
         */
        D apply(D current, E event, EventEnvelope envelope) throws Exception;
    }

    /** Takes the document id from an event. */
    @FunctionalInterface
    public interface Key<E, I> {
        /** The id of the document {@code event} belongs to; never null. */
        I of(E event, EventEnvelope envelope);
    }

    private record Step<D, I>(Key<Object, I> key, Fold<D, Object> fold) {}

    private final String name;
    private final Class<D> documentType;
    private final Class<I> idType;
    private final String documentName;
    private final Map<Class<?>, Step<D, I>> steps;

    private DocumentProjection(Builder<D, I> builder) {
        this.name = builder.name;
        this.documentType = builder.documentType;
        this.idType = builder.idType;
        this.documentName = builder.documentName;
        this.steps = Map.copyOf(builder.steps);
    }

    /** One {@code documentType} document per stream, with the stream id as its id. */
    public static <D> Builder<D, UUID> perStream(String name, Class<D> documentType) {
        return new Builder<>(name, documentType, UUID.class, (event, envelope) -> envelope.streamId());
    }

    /** One {@code documentType} document per key, which each {@code on} takes from its events. */
    public static <D, I> Builder<D, I> keyed(String name, Class<D> documentType, Class<I> idType) {
        return new Builder<>(name, documentType, idType, null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Class<?>> eventClasses() {
        return steps.keySet();
    }

    @Override
    public void apply(EventEnvelope envelope, ProjectionContext context) throws Exception {
        Object event = envelope.event();
        Step<D, I> step = steps.get(event.getClass());
        if (step == null) {
            return;
        }
        I id = step.key().of(event, envelope);
        if (id == null) {
            throw new RillflowException("Projection " + name + " got no document id from " + envelope);
        }
        DocumentCollection<D, I> documents = documents(context);
        D next = step.fold().apply(documents.load(id).orElse(null), event, envelope);
        if (next == null) {
            documents.delete(id);
        } else {
            documents.put(id, next);
        }
    }

    @Override
    public void rebuild(ProjectionContext context) throws Exception {
        documents(context).deleteAll();
    }

    private DocumentCollection<D, I> documents(ProjectionContext context) {
        return context.documents(documentType, idType, documentName);
    }

    /** Collects the folds of a {@link DocumentProjection}. */
    public static final class Builder<D, I> {
        private final String name;
        private final Class<D> documentType;
        private final Class<I> idType;
        private final Key<Object, I> defaultKey;
        private final Map<Class<?>, Step<D, I>> steps = new LinkedHashMap<>();
        private String documentName;

        private Builder(String name, Class<D> documentType, Class<I> idType, Key<Object, I> defaultKey) {
            this.name = Objects.requireNonNull(name, "name");
            this.documentType = Objects.requireNonNull(documentType, "documentType");
            this.idType = Objects.requireNonNull(idType, "idType");
            this.defaultKey = defaultKey;
            this.documentName = DocumentTables.defaultName(documentType);
        }

        /** Stores the documents under {@code documentName} (default: the type's simple name in snake case). */
        public Builder<D, I> documentName(String documentName) {
            this.documentName = Objects.requireNonNull(documentName, "documentName");
            return this;
        }

        /**
         * Folds events of {@code eventType} into the document of their stream.
         *
         * @throws IllegalStateException for a {@link #keyed} projection, whose events must say their key
         */
        public <E> Builder<D, I> on(Class<E> eventType, Fold<D, E> fold) {
            if (defaultKey == null) {
                throw new IllegalStateException("Projection " + name + " is keyed: give the key of "
                        + eventType.getSimpleName() + " events with on(type, key, fold)");
            }
            return add(eventType, defaultKey, fold);
        }

        /** Folds events of {@code eventType} into the document whose id {@code key} takes from each of them. */
        public <E> Builder<D, I> on(Class<E> eventType, Key<E, I> key, Fold<D, E> fold) {
            return add(eventType, Objects.requireNonNull(key, "key"), fold);
        }

        @SuppressWarnings("unchecked")
        private <E> Builder<D, I> add(Class<E> eventType, Key<? super E, I> key, Fold<D, E> fold) {
            Objects.requireNonNull(fold, "fold");
            Step<D, I> step = new Step<>((Key<Object, I>) key, (Fold<D, Object>) fold);
            if (steps.putIfAbsent(Objects.requireNonNull(eventType, "eventType"), step) != null) {
                throw new IllegalArgumentException(
                        "Projection " + name + " already folds " + eventType.getName() + " events");
            }
            return this;
        }

        /**
         * The projection.
         *
         * @throws IllegalStateException if no event type was given
         */
        public DocumentProjection<D, I> build() {
            if (steps.isEmpty()) {
                throw new IllegalStateException("Projection " + name + " folds no event type: add on(...)");
            }
            return new DocumentProjection<>(this);
        }
    }
}
