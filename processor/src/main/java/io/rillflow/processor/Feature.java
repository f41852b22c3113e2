package io.rillflow.processor;

import io.rillflow.processor.registry.RegistryEntry;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;

/**
 * One annotation family the processor handles ({@code @Document}, query interfaces, aggregates, ...). The
 * {@link RillflowProcessor} calls every feature each round and writes one registry holding what all of them
 * contributed, so a compilation has a single {@code META-INF/services} entry however many features it uses.
 *
 * <p>A feature validates, generates its own sources and reports its own diagnostics, each element on its own:
 * {@link AnnotatedTypeFeature} is the base that does so. What still escapes a feature is reported by the processor as
 * unexpected, against the whole compilation.
 */
public interface Feature {
    /** The qualified names of the annotations this feature reads. */
    Set<String> annotations();

    /**
     * Validates and generates what this round found (and what an earlier round deferred).
     *
     * @return the registry entries of what was generated in this round
     */
    List<RegistryEntry> processRound(ProcessingEnvironment env, RoundEnvironment round);

    /** Called once processing is over: report whatever is still deferred. */
    void finish(ProcessingEnvironment env);
}
