package io.rillflow.store.internal;

import io.rillflow.documents.internal.DocumentTables;
import io.rillflow.events.internal.EventStoreEngine;
import io.rillflow.events.internal.EventTypes;
import io.rillflow.internal.Database;
import io.rillflow.internal.JsonCodec;
import io.rillflow.internal.TenantColumn;
import io.rillflow.tracing.Tracing;
import java.util.Objects;

/**
 * What the features of one store run on: the database, the schema naming every table, the JSON codec, the event types,
 * the event store and document tables of that schema, and the tracing hooks. The store builds it once and hands it to
 * each feature, so no feature calls back into {@code Store}.
 *
 * <p>Everything schema-bound is in here and nowhere else: a store scoped to another schema (a tenant's) is a second
 * context over the same database, codec, types and tracing, not a flag passed through every call; so is the store of a
 * tenant in a conjoined schema, whose context names the tenant its statements carry.
 *
 * @param database the pooled data source of the store
 * @param schema the PostgreSQL schema of every table the features touch
 * @param tenant the tenant every statement names in a conjoined schema, {@link TenantColumn#NONE} in any other
 * @param json the codec for documents, events and headers
 * @param eventTypes the registered event types and upcasters
 * @param events the event store of {@code schema}
 * @param documents the document tables of {@code schema}
 * @param tracing where breadcrumbs go (disabled unless the store enables tracing)
 */
public record StoreContext(
        Database database,
        String schema,
        TenantColumn tenant,
        JsonCodec json,
        EventTypes eventTypes,
        EventStoreEngine events,
        DocumentTables documents,
        Tracing tracing) {
    public StoreContext {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(eventTypes, "eventTypes");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(documents, "documents");
        Objects.requireNonNull(tracing, "tracing");
    }
}
