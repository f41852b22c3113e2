package io.rillflow.processor;

import com.google.auto.service.AutoService;
import io.rillflow.processor.aggregates.AggregateFeature;
import io.rillflow.processor.document.DocumentFeature;
import io.rillflow.processor.process.ProcessManagerFeature;
import io.rillflow.processor.projection.ProjectionFeature;
import io.rillflow.processor.queries.QueryFeature;
import io.rillflow.processor.registry.RegistryCollector;
import io.rillflow.processor.registry.RegistryEntry;
import io.rillflow.processor.registry.RegistryName;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import javax.tools.Diagnostic;

/**
 * The Rillflow annotation processor: runs every {@link Feature} each round and, when processing is over, writes the
 * compilation's registry of what they generated and lists it in
 * {@code META-INF/services/io.rillflow.spi.RillflowRegistry} (see {@link RegistryCollector}). Option:
 * {@code -Arillflow.registry=<qualified name>} names the registry class.
 */
@AutoService(Processor.class)
public final class RillflowProcessor extends AbstractProcessor {
    private final List<Feature> features = List.of(
            new DocumentFeature(),
            new QueryFeature(),
            new AggregateFeature(),
            new ProjectionFeature(),
            new ProcessManagerFeature());
    private RegistryCollector registry;

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
        } catch (RuntimeException | IOException e) {
            processingEnv
                    .getMessager()
                    .printMessage(
                            Diagnostic.Kind.ERROR, Message.UNEXPECTED_EXCEPTION.format("this compilation", trace(e)));
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

    private static String trace(Exception e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
