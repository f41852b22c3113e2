package io.rillflow.processor.registry;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.rillflow.processor.RuntimeTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes the registry of a compilation: an {@code io.rillflow.spi.RillflowRegistry} with one method per kind of entry,
 * which the store finds through {@code ServiceLoader}. Methods without entries keep the interface's default (an empty
 * list).
 *
 * <p>A compilation has one registry, named by {@code -Arillflow.registry=<qualified name>} or, by default,
 * {@code Rillflow_Registry} in the alphabetically first package of the types it registers (see {@link RegistryName}).
 * The name must not change when only some sources are compiled again, and that alone is not enough: an IDE or an
 * incremental build that compiles two files of a project again, with the earlier output on the class path, would
 * otherwise replace the registry with one that declares only those two files' types. So the registry records each
 * entry in its class file ({@code @RegistryContents}: the method, the origin type, the key and the Java expression),
 * and the next compilation into the same output reads the registries its service file lists from the class path and
 * keeps every recorded entry whose origin type still exists and is not compiled again (those it declares afresh, or
 * drops when their annotation is gone). Events an aggregate applies are the exception: recompiling such an event class
 * alone, without the aggregate, keeps its entry. Entries are written with qualified names, so that a registry rebuilt
 * from recorded entries is the same source as the one a clean build writes.
 *
 * <p>Limits: javac never deletes an output, so a type whose source is deleted without a clean build stays registered
 * as long as its class files remain; a registry that is not on the class path cannot be read, so it stays listed
 * beside the new one, and the store keeps the first declaration of each type.
 */
public final class RegistryWriter {
    /** The service interface, also the name of the {@code META-INF/services} file. */
    private final Optional<AnnotationSpec> generated;

    public RegistryWriter(Optional<AnnotationSpec> generated) {
        this.generated = generated;
    }

    public JavaFile write(RegistryDescriptor registry) {
        Map<String, List<RegistryEntry>> byMethod = new LinkedHashMap<>();
        registry.entries().forEach(e -> byMethod.computeIfAbsent(e.method(), m -> new ArrayList<>())
                .add(e));
        TypeSpec.Builder type = TypeSpec.classBuilder(registry.name())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(RuntimeTypes.REGISTRY)
                .addJavadoc("What this compilation declared, for the store to find through {@code ServiceLoader}.\n");
        generated.ifPresent(type::addAnnotation);
        type.addAnnotation(contents(registry));
        byMethod.forEach((method, entries) -> {
            CodeBlock list = CodeBlock.builder()
                    .add("$T.of(\n$>", List.class)
                    .add(entries.stream().map(e -> CodeBlock.of("$L", code(e))).collect(CodeBlock.joining(",\n")))
                    .add("$<)")
                    .build();
            type.addMethod(MethodSpec.methodBuilder(method)
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(ParameterizedTypeName.get(
                            ClassName.get(List.class), entries.get(0).elementType()))
                    .addStatement("return $L", list)
                    .build());
        });
        registry.entries().stream().map(RegistryEntry::origin).distinct().forEach(type::addOriginatingElement);
        return JavaFile.builder(registry.name().packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private static AnnotationSpec contents(RegistryDescriptor registry) {
        AnnotationSpec.Builder contents = AnnotationSpec.builder(RuntimeTypes.REGISTRY_CONTENTS);
        for (RegistryEntry entry : registry.entries()) {
            contents.addMember(
                    "value",
                    "$L",
                    AnnotationSpec.builder(RuntimeTypes.REGISTRY_CONTENTS.nestedClass("Entry"))
                            .addMember("method", "$S", entry.method())
                            .addMember("origin", "$S", entry.origin().getQualifiedName())
                            .addMember("key", "$S", entry.sortKey())
                            .addMember("code", "$S", code(entry))
                            .build());
        }
        return contents.build();
    }

    /** The entry's expression with qualified names, the same whether it was generated now or read back. */
    private static String code(RegistryEntry entry) {
        return entry.value().toString();
    }
}
