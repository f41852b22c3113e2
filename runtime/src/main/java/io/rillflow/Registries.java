package io.rillflow;

import io.rillflow.documents.DocumentDefinition;
import io.rillflow.projections.ProjectionDefinition;
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

    static List<ProjectionDefinition> projections() {
        List<ProjectionDefinition> projections = new ArrayList<>();
        for (RillflowRegistry registry : ServiceLoader.load(RillflowRegistry.class, classLoader())) {
            projections.addAll(registry.projections());
        }
        return projections;
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Registries.class.getClassLoader();
    }
}
