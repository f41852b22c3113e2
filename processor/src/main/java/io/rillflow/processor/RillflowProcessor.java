package io.rillflow.processor;

import com.google.auto.service.AutoService;
import io.rillflow.processor.aggregates.AggregateFeature;
import io.rillflow.processor.document.DocumentFeature;
import io.rillflow.processor.handlers.HandlerClassFeature;
import io.rillflow.processor.handlers.HandlerKind;
import io.rillflow.processor.handlers.StrayHandlerMethods;
import io.rillflow.processor.queries.QueryFeature;
import io.rillflow.processor.registry.RegistryDescriptor;
import io.rillflow.processor.registry.RegistryEntry;
import io.rillflow.processor.registry.RegistryWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The Rillflow annotation processor: runs every {@link Feature} each round, writes one registry per round with what
 * they generated, and lists the registries in {@code META-INF/services/io.rillflow.spi.RillflowRegistry} when
 * processing is over (a resource, so writing it last raises no warning).
 */
@AutoService(Processor.class)
public final class RillflowProcessor extends AbstractProcessor {
    private static final String SERVICE_FILE = "META-INF/services/" + RegistryWriter.SERVICE.canonicalName();

    private final List<Feature> features;
    /** The registries written so far, for the service file. */
    private final Set<String> registries = new TreeSet<>();

    /** The processor javac finds through {@code META-INF/services}, with every feature. */
    public RillflowProcessor() {
        this(List.of(
                new DocumentFeature(),
                new QueryFeature(),
                new AggregateFeature(),
                new HandlerClassFeature(HandlerKind.PROJECTION),
                new HandlerClassFeature(HandlerKind.PROCESS_MANAGER),
                new StrayHandlerMethods()));
    }

    /** A processor running only {@code features}, in this order. */
    RillflowProcessor(List<Feature> features) {
        this.features = List.copyOf(features);
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
        if (entries.isEmpty()) {
            return;
        }
        RegistryDescriptor registry = RegistryDescriptor.of(entries);
        new RegistryWriter(GeneratedAnnotation.of(processingEnv.getElementUtils(), RillflowProcessor.class))
                .write(registry)
                .writeTo(processingEnv.getFiler());
        registries.add(registry.name().canonicalName());
    }

    private void finish() throws IOException {
        for (Feature feature : features) {
            feature.finish(processingEnv);
        }
        if (registries.isEmpty()) {
            return;
        }
        FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", SERVICE_FILE);
        try (Writer writer = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
            for (String registry : registries) {
                writer.write(registry);
                writer.write('\n');
            }
        }
    }
}
