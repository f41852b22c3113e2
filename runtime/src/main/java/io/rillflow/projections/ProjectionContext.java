package io.rillflow.projections;

import io.rillflow.documents.DocumentCollection;
import java.sql.Connection;
import java.util.Optional;

/**
 * What a projection handler writes its read model with: the batch transaction's connection, and document
 * collections bound to that same transaction. Do not commit, roll back or close the connection: the daemon does, together
 * with the checkpoint.
 */
public interface ProjectionContext {
    /** The name of the projection being applied. */
    String projection();

    /**
     * The tenant the event being applied is applied as. On a store with {@code TenancyStrategy.conjoined()}: the tenant
     * that appended it, whose documents {@link #documents} writes (the daemon of a conjoined store applies each event of
     * the one log as its tenant, and an inline projection runs as the appending tenant). With
     * {@code TenancyStrategy.schemaPerTenant()}: the tenant whose schema the projection runs in (each tenant's
     * projections run in its own schema). In a rebuild hook, the tenant whose read model is being cleared. The same as
     * {@code event.tenant()}.
     *
     * @return the tenant; empty for the store the builder made (the conjoined store's default tenant, the root schema of
     *     a store with a schema per tenant) and for a store without tenancy
     */
    default Optional<String> tenant() {
        return Optional.empty();
    }

    /** The batch transaction's connection, for the read model's own SQL. */
    Connection connection();

    /**
     * The documents of a declared {@code @Document} type, inside the batch transaction. In a rebuild hook,
     * {@code documents(Summary.class).deleteAll()} empties the read model before the log is replayed.
     *
     * @throws IllegalArgumentException if {@code type} is not a declared document
     */
    <T> DocumentCollection<T, ?> documents(Class<T> type);

    /** The documents of {@code type} with ids of {@code idType}, inside the batch transaction. */
    <T, I> DocumentCollection<T, I> documents(Class<T> type, Class<I> idType);

    /** As {@link #documents(Class, Class)}, stored under the document name {@code name}. */
    <T, I> DocumentCollection<T, I> documents(Class<T> type, Class<I> idType, String name);
}
