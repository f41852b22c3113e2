package io.rillflow.documents;

import io.rillflow.spi.RillflowRegistry;
import java.util.List;

/**
 * A registry whose documents a test chooses, standing in for the registry a recompiled application would bring: a
 * store built while it declares a definition sees that definition, as after a code change. Empty otherwise, so the
 * other tests' stores never see it.
 */
public final class SwitchableRegistry implements RillflowRegistry {
    private static volatile List<DocumentDefinition<?, ?>> declared = List.of();

    /** Declares {@code definitions} to the stores that {@code start} builds, and nothing afterwards. */
    static <R> R declaring(List<DocumentDefinition<?, ?>> definitions, java.util.concurrent.Callable<R> start)
            throws Exception {
        declared = List.copyOf(definitions);
        try {
            return start.call();
        } finally {
            declared = List.of();
        }
    }

    @Override
    public List<DocumentDefinition<?, ?>> documents() {
        return declared;
    }
}
