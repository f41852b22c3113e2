package io.rillflow;

import io.rillflow.aggregates.AggregateDefinition;
import io.rillflow.documents.DocumentDefinition;
import io.rillflow.events.EventTypeDefinition;
import io.rillflow.events.EventUpcaster;
import io.rillflow.processes.ProcessManagerDefinition;
import io.rillflow.projections.ProjectionDefinition;
import io.rillflow.spi.QueryFactory;
import io.rillflow.spi.RillflowRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

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

    static List<EventTypeDefinition> eventTypes() {
        return collect(RillflowRegistry::eventTypes);
    }

    static List<EventUpcaster> upcasters() {
        return collect(RillflowRegistry::upcasters);
    }

    static List<AggregateDefinition<?, ?>> aggregates() {
        return collect(RillflowRegistry::aggregates);
    }

    private static <T> List<T> collect(Function<RillflowRegistry, List<? extends T>> declared) {
        List<T> all = new ArrayList<>();
        for (RillflowRegistry registry : ServiceLoader.load(RillflowRegistry.class, classLoader())) {
            all.addAll(declared.apply(registry));
        }
        return all;
    }

    static List<QueryFactory<?>> queries() {
        return collect(RillflowRegistry::queries);
    }

    static List<ProjectionDefinition> projections() {
        return collect(RillflowRegistry::projections);
    }

    static List<ProcessManagerDefinition> processManagers() {
        return collect(RillflowRegistry::processManagers);
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Registries.class.getClassLoader();
    }
}
