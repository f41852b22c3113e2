package io.rillflow.query.internal;

import io.rillflow.internal.Database;
import io.rillflow.internal.JsonCodec;
import io.rillflow.internal.TenantColumn;

/**
 * What a query needs from the document collection it runs on: where to run, how to read and bind JSON, which table.
 *
 * @param <T> the document type
 */
public interface QueryTarget<T> {
    /** The database to run on (bound to a caller's connection for a collection used within a transaction). */
    Database database();

    /** The JSON codec. */
    JsonCodec json();

    /** The document name, for messages. */
    String name();

    /** The quoted schema of the table. */
    String quotedSchema();

    /** The quoted, schema-qualified table. */
    String table();

    /** The tenant whose rows a query reads in a conjoined schema, {@link TenantColumn#NONE} in any other. */
    TenantColumn tenant();

    /** Reads one stored document. */
    T decode(String json);
}
