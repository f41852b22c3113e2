package io.rillflow;

import io.rillflow.aggregates.AggregateDefinition;
import io.rillflow.documents.DocumentDefinition;
import io.rillflow.events.EventTypeDefinition;
import io.rillflow.events.EventUpcaster;
import io.rillflow.processes.ProcessManagerDefinition;
import io.rillflow.projections.ProjectionDefinition;
import io.rillflow.spi.QueryFactory;
import io.rillflow.spi.RillflowRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Reads the registries the annotation processor generated, once per store, at build time (never per call).
 *
 * <p>Two registries may declare the same type: the registry of an earlier compilation that an incremental build could
 * not replace, beside the new one, until the next clean build. Each type then counts once, and which declaration wins
 * never depends on the class path order: registries are read sorted by class name and the first declaration of a
 * type is kept. A service file that lists a registry whose class is gone (the leftover of a deleted one) fails the
 * build of the store with a message naming the class and the file, instead of a bare {@link ServiceConfigurationError}.
 */
final class Registries {
    private static final String SERVICE_FILE = "META-INF/services/" + RillflowRegistry.class.getName();

    private Registries() {}

    static List<DocumentDefinition<?, ?>> documents() {
        return distinct(RillflowRegistry::documents, DocumentDefinition::type);
    }

    static List<EventTypeDefinition> eventTypes() {
        return distinct(RillflowRegistry::eventTypes, EventTypeDefinition::type);
    }

    static List<EventUpcaster> upcasters() {
        return distinct(RillflowRegistry::upcasters, u -> u.eventName() + " v" + u.fromVersion());
    }

    static List<AggregateDefinition<?, ?>> aggregates() {
        return distinct(RillflowRegistry::aggregates, AggregateDefinition::stateType);
    }

    static List<QueryFactory<?>> queries() {
        return distinct(RillflowRegistry::queries, QueryFactory::type);
    }

    static List<ProjectionDefinition> projections() {
        return distinct(RillflowRegistry::projections, ProjectionDefinition::type);
    }

    static List<ProcessManagerDefinition> processManagers() {
        return distinct(RillflowRegistry::processManagers, ProcessManagerDefinition::type);
    }

    /** What every registry declares, the first declaration of each key only. */
    private static <T> List<T> distinct(Function<RillflowRegistry, List<? extends T>> declared, Function<T, ?> key) {
        Map<Object, T> byKey = new LinkedHashMap<>();
        for (RillflowRegistry registry : load(classLoader())) {
            for (T item : declared.apply(registry)) {
                byKey.putIfAbsent(key.apply(item), item);
            }
        }
        return List.copyOf(byKey.values());
    }

    /** The registries {@code loader} sees, sorted by class name. */
    private static List<RillflowRegistry> load(ClassLoader loader) {
        List<RillflowRegistry> registries = new ArrayList<>();
        try {
            ServiceLoader.load(RillflowRegistry.class, loader).forEach(registries::add);
        } catch (ServiceConfigurationError e) {
            throw unloadable(loader, e);
        }
        registries.sort(Comparator.comparing(registry -> registry.getClass().getName()));
        return registries;
    }

    /** The failure naming the first listed registry whose class is missing, or wrapping {@code error} if none is. */
    private static RillflowException unloadable(ClassLoader loader, ServiceConfigurationError error) {
        try {
            Enumeration<URL> files = loader.getResources(SERVICE_FILE);
            while (files.hasMoreElements()) {
                URL file = files.nextElement();
                for (String name : listed(file)) {
                    try {
                        Class.forName(name, false, loader);
                    } catch (ClassNotFoundException | LinkageError missing) {
                        return new RillflowException(
                                "The service file " + file + " lists the registry " + name + ", but the class path has"
                                        + " no such class: it is left over from an earlier compilation whose classes"
                                        + " are gone. Rebuild from clean (e.g. mvn clean compile) so the annotation"
                                        + " processor lists its registries again.",
                                error);
                    }
                }
            }
        } catch (IOException e) {
            error.addSuppressed(new UncheckedIOException(e));
        }
        return new RillflowException("Could not load a generated registry: " + error.getMessage(), error);
    }

    private static List<String> listed(URL file) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int comment = line.indexOf('#');
                String name = (comment < 0 ? line : line.substring(0, comment)).trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Registries.class.getClassLoader();
    }
}
