package io.rillflow.schema.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A part of the store whose tables follow from what the application declares (document types and their indexes)
 * rather than from versioned migrations. Its DDL is idempotent and runs after the migrations in {@code sync()}.
 */
public interface SchemaParticipant {
    /** The statements still needed on this database, checked on {@code connection}; empty when up to date. */
    List<String> pendingDdl(Connection connection) throws SQLException;
}
