package io.rillflow.projections.internal;

import io.rillflow.documents.DocumentCollection;
import io.rillflow.documents.internal.DocumentTables;
import io.rillflow.projections.ProjectionContext;
import java.sql.Connection;
import java.util.Optional;

/** The context of one batch: its transaction's connection, and document collections bound to it. */
final class BatchContext implements ProjectionContext {
    private final String projection;
    private final Connection connection;
    private final DocumentTables documents;

    BatchContext(String projection, Connection connection, DocumentTables documents) {
        this.projection = projection;
        this.connection = connection;
        this.documents = documents;
    }

    @Override
    public String projection() {
        return projection;
    }

    /** The tenant of the documents, which is the tenant of the events applied with them (see {@link TenantRouting}). */
    @Override
    public Optional<String> tenant() {
        return documents.eventTenant();
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public <T> DocumentCollection<T, ?> documents(Class<T> type) {
        return documents
                .collection(documents
                        .declared(type)
                        .orElseThrow(() -> new IllegalArgumentException(type.getName()
                                + " is not a declared @Document: annotate it, or use documents(type, idType)")))
                .within(connection);
    }

    @Override
    public <T, I> DocumentCollection<T, I> documents(Class<T> type, Class<I> idType) {
        return documents
                .collection(type, idType, DocumentTables.defaultName(type))
                .within(connection);
    }

    @Override
    public <T, I> DocumentCollection<T, I> documents(Class<T> type, Class<I> idType, String name) {
        return documents.collection(type, idType, name).within(connection);
    }
}
