package io.rillflow.processor;

import com.google.auto.service.AutoService;
import io.rillflow.processor.aggregates.AggregateFeature;
import io.rillflow.processor.aggregates.CommandAnnotations;
import io.rillflow.processor.document.DocumentFeature;
import io.rillflow.processor.handlers.HandlerClassFeature;
import io.rillflow.processor.handlers.HandlerKind;
import io.rillflow.processor.handlers.HandlerNames;
import io.rillflow.processor.placement.StrayAnnotations;
import io.rillflow.processor.queries.QueryFeature;
import io.rillflow.processor.registry.RegistryCollector;
import io.rillflow.processor.registry.RegistryEntry;
import io.rillflow.processor.registry.RegistryName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * The Rillflow annotation processor: runs every {@link Feature} each round and hands what they generated to the
 * {@link RegistryCollector}, which writes the compilation's registry and lists it in
 * {@code META-INF/services/io.rillflow.spi.RillflowRegistry}. Option: {@code -Arillflow.registry=<qualified name>}
 * names the registry class.
 */
@AutoService(Processor.class)
public final class RillflowProcessor extends AbstractProcessor {
    private final List<Feature> features;
    private RegistryCollector registry;

    /** The processor javac finds through {@code META-INF/services}, with every feature. */
    public RillflowProcessor() {
        this(allFeatures(new HandlerNames()));
    }

    /** Every feature; projections and process managers share {@code handlerNames}, as they share checkpoint rows. */
    private static List<Feature> allFeatures(HandlerNames handlerNames) {
        return List.of(
                new DocumentFeature(),
                new QueryFeature(),
                new AggregateFeature(),
                new CommandAnnotations(),
                new HandlerClassFeature(HandlerKind.PROJECTION, handlerNames),
                new HandlerClassFeature(HandlerKind.PROCESS_MANAGER, handlerNames),
                new StrayAnnotations());
    }

    /** A processor running only {@code features}, in this order. */
    RillflowProcessor(List<Feature> features) {
        this.features = List.copyOf(features);
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        registry = new RegistryCollector(env, GeneratedAnnotation.of(env.getElementUtils(), RillflowProcessor.class));
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(RegistryName.OPTION);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return features.stream().flatMap(f -> f.annotations().stream()).collect(Collectors.toSet());
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            if (round.processingOver()) {
                finish();
            } else {
                processRound(round);
            }
        } catch (Throwable e) { // features guard each element; this is what escapes them, such as the registry
            ValidationReport.unexpected(null, e).printTo(processingEnv.getMessager());
        }
        return false; // never claim: other processors may read our annotations too
    }

    private void processRound(RoundEnvironment round) throws IOException {
        List<RegistryEntry> entries = new ArrayList<>();
        for (Feature feature : features) {
            entries.addAll(feature.processRound(processingEnv, round));
        }
        registry.addRound(entries, round.getRootElements());
    }

    private void finish() throws IOException {
        for (Feature feature : features) {
            feature.finish(processingEnv);
        }
        registry.finish();
    }
}
