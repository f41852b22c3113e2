package io.rillflow;

import io.rillflow.documents.DocumentDefinition;
import io.rillflow.query.QueryFactory;
import io.rillflow.spi.RillflowRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Reads the registries the annotation processor generated, once per store, at build time (never per call). */
final class Registries {
    private Registries() {}

    static List<DocumentDefinition<?, ?>> documents() {
        List<DocumentDefinition<?, ?>> documents = new ArrayList<>();
        for (RillflowRegistry registry : ServiceLoader.load(RillflowRegistry.class, classLoader())) {
            documents.addAll(registry.documents());
        }
        return documents;
    }

    static List<QueryFactory<?>> queries() {
        List<QueryFactory<?>> queries = new ArrayList<>();
        for (RillflowRegistry registry : ServiceLoader.load(RillflowRegistry.class, classLoader())) {
            queries.addAll(registry.queries());
        }
        return queries;
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Registries.class.getClassLoader();
    }
}
