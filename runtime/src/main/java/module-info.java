/**
 * The Rillflow runtime: a document store and an event store on PostgreSQL. Only the API packages are exported; the
 * {@code .internal} packages are not, and {@link io.rillflow.spi} is the registry generated code implements. The
 * runtime works on the class path as well.
 */
module io.rillflow.runtime {
    requires transitive io.rillflow.annotations;
    // SqlType appears in the generated-code support (io.rillflow.spi).
    requires transitive io.rillflow.sql;
    requires transitive java.sql;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.fasterxml.jackson.module.paramnames;
    requires com.zaxxer.hikari;
    requires org.postgresql.jdbc;
    requires org.slf4j;
    requires static micrometer.core;
    requires static micrometer.registry.prometheus;
    // The admin endpoint (store.admin().serve) runs on the JDK's own HTTP server.
    requires jdk.httpserver;
    requires static io.rillflow.embedded;

    exports io.rillflow;
    exports io.rillflow.admin;
    exports io.rillflow.aggregates;
    exports io.rillflow.documents;
    exports io.rillflow.events;
    exports io.rillflow.processes;
    exports io.rillflow.projections;
    exports io.rillflow.query;
    exports io.rillflow.schema;
    exports io.rillflow.spi;
    exports io.rillflow.subscriptions;
    exports io.rillflow.tracing;

    // Jackson reads and writes the runtime's own stored values (subscription filters, snapshots of its records).
    opens io.rillflow.subscriptions to
            com.fasterxml.jackson.databind;

    uses io.rillflow.spi.RillflowRegistry;
}
