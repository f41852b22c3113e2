/** Starts and stops a real embedded PostgreSQL for {@code Store.embedded(...)} and for tests. */
module io.rillflow.embedded {
    requires java.sql;
    requires embedded.postgres;

    exports io.rillflow.embedded;
}
