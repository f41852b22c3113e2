package io.rillflow.admin.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;

/**
 * Finds the {@code PrometheusMeterRegistry} a store was given (directly or inside a composite) and scrapes it. Both
 * Micrometer jars are optional dependencies of the runtime: {@link #of} checks that they are present before this
 * class's Micrometer-typed code runs.
 */
final class PrometheusScrape {
    /** The Prometheus text exposition format the scrape produces. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final String REGISTRY_CLASS = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";

    private PrometheusScrape() {}

    /** The scrape of the Prometheus registry in {@code registry} (a MeterRegistry, or null), or null if none. */
    static Supplier<String> of(Object registry) {
        if (registry == null || !present()) {
            return null;
        }
        PrometheusMeterRegistry prometheus = find((MeterRegistry) registry);
        return prometheus == null ? null : prometheus::scrape;
    }

    private static PrometheusMeterRegistry find(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            return prometheus;
        }
        if (registry instanceof CompositeMeterRegistry composite) {
            for (MeterRegistry member : composite.getRegistries()) {
                PrometheusMeterRegistry found = find(member);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static boolean present() {
        try {
            Class.forName(REGISTRY_CLASS, false, PrometheusScrape.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
