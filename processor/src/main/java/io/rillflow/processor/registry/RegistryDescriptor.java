package io.rillflow.processor.registry;

import com.palantir.javapoet.ClassName;
import io.rillflow.processor.document.DocumentDescriptor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;

/**
 * The registry of the documents found in one round: {@code RillflowRegistry_<hash>} in the package of the
 * alphabetically first document, named by a hash of the sorted document class names, so that registries of two
 * modules never clash.
 *
 * @param name the generated class
 * @param repositories the repositories whose {@code DEFINITION} it lists, sorted by document class name
 * @param originatingElements the document types
 */
public record RegistryDescriptor(ClassName name, List<ClassName> repositories, List<TypeElement> originatingElements) {
    public RegistryDescriptor {
        repositories = List.copyOf(repositories);
        originatingElements = List.copyOf(originatingElements);
    }

    /** The registry of {@code documents} (at least one). */
    public static RegistryDescriptor of(List<DocumentDescriptor> documents) {
        List<DocumentDescriptor> sorted = documents.stream()
                .sorted(Comparator.comparing(d -> d.type().canonicalName()))
                .toList();
        String names = sorted.stream().map(d -> d.type().canonicalName()).collect(Collectors.joining("\n"));
        ClassName name = ClassName.get(sorted.get(0).type().packageName(), "RillflowRegistry_" + hash(names));
        return new RegistryDescriptor(
                name,
                sorted.stream().map(DocumentDescriptor::repository).toList(),
                sorted.stream().map(DocumentDescriptor::element).toList());
    }

    /** The first 8 hex digits of the SHA-256 of {@code text}. */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
