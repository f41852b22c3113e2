package io.rillflow.processor.registry;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes a registry: an {@code io.rillflow.spi.RillflowRegistry} listing the repositories' definitions, which the
 * store finds through {@code ServiceLoader}.
 */
public final class RegistryWriter {
    /** The service interface, also the name of the {@code META-INF/services} file. */
    public static final ClassName SERVICE = ClassName.get("io.rillflow.spi", "RillflowRegistry");

    private static final ClassName DOCUMENT_DEFINITION = ClassName.get("io.rillflow.documents", "DocumentDefinition");

    private final Optional<AnnotationSpec> generated;

    public RegistryWriter(Optional<AnnotationSpec> generated) {
        this.generated = generated;
    }

    public JavaFile write(RegistryDescriptor registry) {
        WildcardTypeName any = WildcardTypeName.subtypeOf(Object.class);
        ParameterizedTypeName definitions = ParameterizedTypeName.get(
                ClassName.get(List.class), ParameterizedTypeName.get(DOCUMENT_DEFINITION, any, any));
        CodeBlock list = CodeBlock.builder()
                .add("$T.of(\n$>", List.class)
                .add(registry.repositories().stream()
                        .map(r -> CodeBlock.of("$T.DEFINITION", r))
                        .collect(CodeBlock.joining(",\n")))
                .add("$<)")
                .build();
        TypeSpec.Builder type = TypeSpec.classBuilder(registry.name())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(SERVICE)
                .addJavadoc("The documents of this compilation, for the store to find through {@code ServiceLoader}.\n")
                .addMethod(MethodSpec.methodBuilder("documents")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(definitions)
                        .addStatement("return $L", list)
                        .build());
        generated.ifPresent(type::addAnnotation);
        registry.originatingElements().forEach(type::addOriginatingElement);
        return JavaFile.builder(registry.name().packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }
}
