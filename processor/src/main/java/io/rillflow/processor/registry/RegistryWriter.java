package io.rillflow.processor.registry;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes a registry: an {@code io.rillflow.spi.RillflowRegistry} with one method per kind of entry, which the store
 * finds through {@code ServiceLoader}. Methods without entries keep the interface's default (an empty list).
 */
public final class RegistryWriter {
    /** The service interface, also the name of the {@code META-INF/services} file. */
    public static final ClassName SERVICE = ClassName.get("io.rillflow.spi", "RillflowRegistry");

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
                .addSuperinterface(SERVICE)
                .addJavadoc("What this compilation declared, for the store to find through {@code ServiceLoader}.\n");
        byMethod.forEach((method, entries) -> {
            CodeBlock list = CodeBlock.builder()
                    .add("$T.of(\n$>", List.class)
                    .add(entries.stream().map(RegistryEntry::value).collect(CodeBlock.joining(",\n")))
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
        generated.ifPresent(type::addAnnotation);
        registry.entries().stream().map(RegistryEntry::origin).distinct().forEach(type::addOriginatingElement);
        return JavaFile.builder(registry.name().packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }
}
