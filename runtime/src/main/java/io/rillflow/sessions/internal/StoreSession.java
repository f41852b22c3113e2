package io.rillflow.sessions.internal;

import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.DocumentDefinition;
import io.rillflow.documents.DocumentRepository;
import io.rillflow.documents.internal.TableCollection;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.Expected;
import io.rillflow.internal.Database;
import io.rillflow.query.DocumentQuery;
import io.rillflow.sessions.DocumentSession;
import io.rillflow.sessions.SessionAggregates;
import io.rillflow.sessions.SessionDocuments;
import io.rillflow.sessions.SessionEvents;
import io.rillflow.sessions.SessionKind;
import io.rillflow.sessions.SessionOptions;
import io.rillflow.spi.QueryFactory;
import io.rillflow.store.internal.StoreContext;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The session of a store: tables tracked by document type, appends staged in order, saved by {@link UnitSave}. */
public final class StoreSession implements DocumentSession {
    private final StoreContext context;
    private final SessionOptions options;
    private final Database database;
    private final Map<Class<?>, TrackedTable<?, ?>> tables = new LinkedHashMap<>();
    private final List<StagedAppend> appends = new ArrayList<>();
    private final Map<AggregateRepository<?, ?>, StagedAggregates<?, ?>> aggregates = new HashMap<>();
    private final SessionEvents events = new Events();
    private final Function<Class<?>, QueryFactory<?>> queryFactories;
    private final Map<Class<?>, Object> queries = new HashMap<>();
    private boolean closed;

    /**
     * A session on the store of {@code context}, as {@code options} say, finding the generated query
     * implementations with {@code queryFactories}.
     */
    public StoreSession(
            StoreContext context, SessionOptions options, Function<Class<?>, QueryFactory<?>> queryFactories) {
        this.context = context;
        this.options = options;
        this.queryFactories = queryFactories;
        this.database = options.connection().map(context.database()::boundTo).orElse(context.database());
    }

    @Override
    public <T> Optional<T> load(Class<T> type, Object id) {
        TrackedTable<T, ?> table = table(type);
        return load(table, id);
    }

    private <T, I> Optional<T> load(TrackedTable<T, I> table, Object id) {
        requireOpen();
        return table.load(table.requireId(id));
    }

    @Override
    public <T> void store(T document) {
        requireWritable();
        tableOf(document).store(document, null);
    }

    @Override
    public <T> void store(T document, long expectedVersion) {
        requireWritable();
        if (expectedVersion < 0) {
            throw new IllegalArgumentException(
                    "The expected version must be 0 (no document yet) or positive, was " + expectedVersion);
        }
        tableOf(document).store(document, expectedVersion);
    }

    @Override
    public <T> void insert(T document) {
        requireWritable();
        tableOf(document).insert(document);
    }

    @Override
    public <T> void delete(Class<T> type, Object id) {
        requireWritable();
        delete(table(type), id);
    }

    private static <T, I> void delete(TrackedTable<T, I> table, Object id) {
        table.delete(table.requireId(id));
    }

    @Override
    public <T> void delete(T document) {
        requireWritable();
        TrackedTable<T, ?> table = tableOf(document);
        deleteDocument(table, document);
    }

    private static <T, I> void deleteDocument(TrackedTable<T, I> table, T document) {
        table.delete(table.idOf(document));
    }

    @Override
    public <T> DocumentQuery<T> query(Class<T> type) {
        requireOpen();
        return table(type).collection().query();
    }

    @Override
    public <Q> Q queries(Class<Q> type) {
        requireOpen();
        Object implementation = queries.computeIfAbsent(Objects.requireNonNull(type, "type"), t -> {
            QueryFactory<?> factory = queryFactories.apply(t);
            return factory.create(table(factory.documentType()).collection());
        });
        return type.cast(implementation);
    }

    @Override
    public <T, I> SessionDocuments<T, I> documents(DocumentRepository<T, I> repository) {
        Objects.requireNonNull(repository, "repository");
        Class<T> type = repository.collection().documentType();
        return new SessionDocuments<>() {
            @Override
            public Optional<T> load(I id) {
                return StoreSession.this.load(type, id);
            }

            @Override
            public void store(T document) {
                StoreSession.this.store(document);
            }

            @Override
            public void store(T document, long expectedVersion) {
                StoreSession.this.store(document, expectedVersion);
            }

            @Override
            public void insert(T document) {
                StoreSession.this.insert(document);
            }

            @Override
            public void delete(I id) {
                StoreSession.this.delete(type, id);
            }

            @Override
            public DocumentQuery<T> query() {
                return StoreSession.this.query(type);
            }
        };
    }

    @Override
    public SessionEvents events() {
        return events;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, I> SessionAggregates<S, I> aggregates(AggregateRepository<S, I> repository) {
        Objects.requireNonNull(repository, "repository");
        return (SessionAggregates<S, I>) aggregates.computeIfAbsent(
                repository, r -> new StagedAggregates<>(this, repository, options.connection()));
    }

    @Override
    public boolean hasChanges() {
        return !appends.isEmpty() || tables.values().stream().anyMatch(TrackedTable::hasChanges);
    }

    @Override
    public void saveChanges() {
        requireWritable();
        new UnitSave(context, database, options, tables.values(), appends).run();
        appends.clear();
    }

    @Override
    public SessionOptions options() {
        return options;
    }

    @Override
    public void close() {
        closed = true;
        tables.clear();
        appends.clear();
        aggregates.clear();
    }

    /** Stages an append, stamped with the session's headers, actor and ids; {@code options} win where they speak. */
    void stage(
            UUID streamId,
            Expected expected,
            List<?> events,
            AppendOptions options,
            String streamType,
            String idempotencyKey) {
        requireWritable();
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(events, "events");
        appends.add(new StagedAppend(
                streamId, expected, new ArrayList<>(events), stamped(options), streamType, idempotencyKey));
    }

    /** {@code own} over the session's defaults: headers added to the session's, ids where it has them. */
    private AppendOptions stamped(AppendOptions own) {
        Map<String, Object> headers = new HashMap<>(options.headers());
        options.actor().ifPresent(actor -> headers.put(CommandContext.ACTOR_HEADER, actor));
        headers.putAll(own.headers());
        return new AppendOptions(
                headers,
                own.causationId() != null
                        ? own.causationId()
                        : options.causationId().orElse(null),
                own.correlationId() != null
                        ? own.correlationId()
                        : options.correlationId().orElse(null));
    }

    /** The context a command runs under in this session: {@code own} over the session's actor, headers and ids. */
    CommandContext contextFor(CommandContext own) {
        Map<String, Object> metadata = new HashMap<>(options.headers());
        metadata.putAll(own.metadata());
        return new CommandContext(
                own.actor() != null ? own.actor() : options.actor().orElse(null),
                own.correlationId() != null
                        ? own.correlationId()
                        : options.correlationId().orElse(null),
                own.causationId() != null
                        ? own.causationId()
                        : options.causationId().orElse(null),
                metadata,
                own.idempotencyKey());
    }

    void requireWritable() {
        requireOpen();
        if (options.kind() == SessionKind.READ_ONLY) {
            throw new IllegalStateException("This session is read-only (SessionKind.READ_ONLY): it loads and queries,"
                    + " but stores, deletes, appends and commands need a writing session, such as"
                    + " store.openSession()");
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("This session is closed: open a new one with store.openSession()");
        }
    }

    @SuppressWarnings("unchecked")
    private <T> TrackedTable<T, ?> tableOf(T document) {
        Objects.requireNonNull(document, "document");
        return table((Class<T>) document.getClass());
    }

    @SuppressWarnings("unchecked")
    private <T> TrackedTable<T, ?> table(Class<T> type) {
        Objects.requireNonNull(type, "type");
        TrackedTable<?, ?> known = tables.get(type);
        if (known == null) {
            known = open(declared(type));
            tables.put(type, known);
        }
        return (TrackedTable<T, ?>) known;
    }

    /** The declared definition of {@code type} or, for a subclass of a declared document, of its declared class. */
    @SuppressWarnings("unchecked")
    private <T> DocumentDefinition<T, ?> declared(Class<T> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Optional<? extends DocumentDefinition<?, ?>> definition =
                    context.documents().declared(c);
            if (definition.isPresent()) {
                return (DocumentDefinition<T, ?>) definition.get();
            }
        }
        throw new IllegalArgumentException(type.getName() + " is not a declared @Document: a session works with"
                + " documents annotated @Document and built with the Rillflow annotation processor");
    }

    private <T, I> TrackedTable<T, I> open(DocumentDefinition<T, I> definition) {
        DocumentCollection<T, I> collection = context.documents().collection(definition);
        TableCollection<T, I> table = (TableCollection<T, I>) collection;
        Optional<Connection> connection = options.connection();
        return new TrackedTable<>(
                definition,
                connection.isPresent() ? collection.within(connection.get()) : collection,
                table.unitWrites(),
                options.kind());
    }

    private final class Events implements SessionEvents {
        @Override
        public void append(UUID streamId, Expected expected, Object event, Object... more) {
            List<Object> all = new ArrayList<>(1 + more.length);
            all.add(Objects.requireNonNull(event, "event"));
            all.addAll(Arrays.asList(more));
            stage(streamId, expected, all, AppendOptions.none(), null, null);
        }

        @Override
        public void append(UUID streamId, Expected expected, List<?> events) {
            stage(streamId, expected, events, AppendOptions.none(), null, null);
        }

        @Override
        public void append(UUID streamId, Expected expected, List<?> events, AppendOptions options) {
            stage(streamId, expected, events, Objects.requireNonNull(options, "options"), null, null);
        }
    }
}
