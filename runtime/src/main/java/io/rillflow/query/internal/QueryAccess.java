package io.rillflow.query.internal;

import io.rillflow.query.DocumentQuery;
import java.util.Objects;

/**
 * Creates the queries of {@code io.rillflow.query} for a document collection. Their constructor is not public,
 * so that applications only obtain queries from a collection and the API names no internal type; the query package
 * installs the only factory when {@link DocumentQuery} is initialised, as the JDK's {@code SharedSecrets} do.
 */
public final class QueryAccess {
    /** The constructors the query package lends. */
    public interface Factory {
        /** A query over every live document of {@code target}. */
        <T> DocumentQuery<T> query(QueryTarget<T> target);
    }

    private static volatile Factory factory;

    private QueryAccess() {}

    /** Called once, by {@link DocumentQuery}'s class initialiser. */
    public static synchronized void install(Factory installed) {
        if (StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass() != DocumentQuery.class
                || factory != null) {
            throw new IllegalStateException("The query factory is installed once, by DocumentQuery");
        }
        factory = Objects.requireNonNull(installed, "installed");
    }

    /** The factory, initialising {@link DocumentQuery} first if nothing has yet. */
    public static Factory factory() {
        Factory installed = factory;
        if (installed != null) {
            return installed;
        }
        try {
            Class.forName(DocumentQuery.class.getName(), true, DocumentQuery.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The query package is missing from the class path", e);
        }
        return factory;
    }
}
