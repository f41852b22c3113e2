/** Starts and stops a real embedded PostgreSQL for {@code Store.embedded(...)} and for tests. */
module io.rillflow.embedded {
    requires java.sql;
    requires org.apache.commons.compress;
    requires org.postgresql.jdbc;
    requires org.slf4j;
    requires org.tukaani.xz;

    exports io.rillflow.embedded;
}
