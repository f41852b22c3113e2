package io.rillflow.processor.registry;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Writes the registries of a compilation and the service file that lists them. The first round that registers anything
 * (in practice the first round, where every source is compiled) writes the compilation's registry, merged with those
 * of earlier compilations into the same output as {@link RegistryWriter} explains; the rare later round that registers
 * a type whose own types another processor generated first writes {@code <registry>_2}, {@code _3}... (a generated
 * source cannot be written when processing is over without a javac warning). The service file is written last.
 */
public final class RegistryCollector {
    private final ProcessingEnvironment env;
    private final Optional<AnnotationSpec> generated;
    /** The qualified names of the types this compilation compiles from source, nested ones included. */
    private final Set<String> compiled = new HashSet<>();
    /** The registries this compilation wrote, first the main one. */
    private final List<ClassName> written = new ArrayList<>();
    /** The method and key of every entry written, so that a later round never declares one twice. */
    private final Set<String> writtenKeys = new HashSet<>();

    private PreviousRegistries previous;
    private Optional<ClassName> chosen;
    /** Whether the option was refused: then this compilation writes no registry and leaves the service file alone. */
    private boolean refused;

    public RegistryCollector(ProcessingEnvironment env, Optional<AnnotationSpec> generated) {
        this.env = env;
        this.generated = generated;
    }

    /** Writes a registry of the round's entries (with the kept ones of earlier compilations, the first time). */
    public void addRound(Collection<RegistryEntry> entries, Collection<? extends Element> roots) throws IOException {
        addTypes(ElementFilter.typesIn(roots));
        if (previous == null) {
            start();
        }
        if (refused) {
            return;
        }
        List<RegistryEntry> registered =
                written.isEmpty() ? merge(entries, previous.entries()) : merge(entries, List.of());
        if (registered.isEmpty()) {
            return;
        }
        ClassName name;
        if (!written.isEmpty()) {
            ClassName main = written.get(0);
            name = main.peerClass(main.simpleName() + "_" + (written.size() + 1));
        } else if (chosen.isPresent()) {
            name = chosen.get();
            if (taken(name)) {
                error(Message.REGISTRY_OPTION_TAKEN.format(RegistryName.OPTION, name.canonicalName()));
                refused = true;
                return;
            }
        } else {
            name = RegistryName.byDefault(
                    registered.stream()
                            .map(e -> ClassName.get(e.origin()).packageName())
                            .toList(),
                    this::taken);
        }
        new RegistryWriter(generated)
                .write(new RegistryDescriptor(name, registered))
                .writeTo(env.getFiler());
        written.add(name);
        registered.forEach(e -> writtenKeys.add(key(e)));
    }

    /** Reads the option (reporting an invalid one) and what earlier compilations into the same output registered. */
    private void start() throws IOException {
        String option = env.getOptions().get(RegistryName.OPTION);
        try {
            chosen = RegistryName.fromOption(option);
        } catch (IllegalArgumentException e) {
            error(Message.REGISTRY_OPTION_INVALID.format(RegistryName.OPTION, option));
            refused = true;
        }
        previous = PreviousRegistries.read(env.getFiler(), env.getElementUtils());
    }

    private void addTypes(Collection<TypeElement> types) {
        for (TypeElement type : types) {
            compiled.add(type.getQualifiedName().toString());
            addTypes(ElementFilter.typesIn(type.getEnclosedElements()));
        }
    }

    /** Lists this compilation's registries and the earlier ones it did not replace, if either changed. */
    public void finish() throws IOException {
        if (refused
                || previous == null
                || (written.isEmpty() && previous.replaced().isEmpty())) {
            return;
        }
        Set<String> listed = new TreeSet<>(previous.others());
        written.forEach(name -> listed.add(name.canonicalName()));
        ServiceFile.write(env.getFiler(), listed);
    }

    /**
     * This compilation's entries, then the recorded ones it does not supersede: the first entry of each method and key
     * wins, so a type declared afresh replaces its old declaration.
     */
    private List<RegistryEntry> merge(Collection<RegistryEntry> fresh, List<RegistryEntry> recorded) {
        Map<String, RegistryEntry> byKey = new LinkedHashMap<>();
        fresh.forEach(e -> byKey.putIfAbsent(key(e), e));
        recorded.stream().filter(e -> !compiledAgain(e)).forEach(e -> byKey.putIfAbsent(key(e), e));
        writtenKeys.forEach(byKey::remove);
        return List.copyOf(byKey.values());
    }

    private static String key(RegistryEntry entry) {
        return entry.method() + ' ' + entry.sortKey();
    }

    /**
     * Whether this compilation compiled the entry's origin and so declares it afresh (or no longer, if its annotation
     * is gone). An event that only an aggregate applies is declared by the aggregate's compilation, so compiling the
     * event class alone keeps its entry.
     */
    private boolean compiledAgain(RegistryEntry entry) {
        TypeElement origin = entry.origin();
        if (!compiled.contains(origin.getQualifiedName().toString())) {
            return false;
        }
        return !entry.method().equals("eventTypes")
                || AnnotationMirrors.find(origin, AnnotationNames.EVENT).isPresent();
    }

    /**
     * Whether {@code name} belongs to another class: one of this compilation's sources, another output's class on the
     * class path, or a registry of this output that could not be read (which must stay as it is).
     */
    private boolean taken(ClassName name) {
        String qualified = name.canonicalName();
        if (previous.others().contains(qualified) || compiled.contains(qualified)) {
            return true;
        }
        return env.getElementUtils().getTypeElement(qualified) != null
                && !previous.replaced().contains(qualified);
    }

    private void error(String text) {
        env.getMessager().printMessage(Diagnostic.Kind.ERROR, text);
    }
}
