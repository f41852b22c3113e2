package io.rillflow.processor.document;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes a document's metamodel: {@code public static final} typed paths for its fields, and a nested
 * {@code ObjectPath} subclass per user type with {@code public final} paths built on {@code this}.
 *
 * <pre>{@code
 * public final class Customer_ {
 *     public static final StringPath email = new StringPath(null, "email");
 *     public static final Address_ address = new Address_(null, "address");
 *     public static final class Address_ extends ObjectPath {
 *         public final StringPath city;
 *         public Address_(ObjectPath parent, String name) { super(parent, name); city = new StringPath(this, "city"); }
 *     }
 * }
 * }</pre>
 */
public final class MetamodelWriter {
    private static final ClassName OBJECT_PATH = PathKind.OBJECT.pathClass();

    private final Optional<AnnotationSpec> generated;

    public MetamodelWriter(Optional<AnnotationSpec> generated) {
        this.generated = generated;
    }

    public JavaFile write(DocumentDescriptor document) {
        MetamodelDescriptor metamodel = document.metamodel();
        TypeSpec.Builder type = TypeSpec.classBuilder(metamodel.name())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc(
                        "Typed paths to the JSON fields of {@link $T}, for queries, patches and indexes,\n"
                                + "e.g. {@code repository.query().where($T.<field>.eq(...))}.\n",
                        document.type(),
                        metamodel.name());
        generated.ifPresent(type::addAnnotation);
        document.originatingElements().forEach(type::addOriginatingElement);
        for (PathDescriptor field : metamodel.fields()) {
            type.addField(FieldSpec.builder(
                            fieldType(metamodel.name(), field),
                            field.javaName(),
                            Modifier.PUBLIC,
                            Modifier.STATIC,
                            Modifier.FINAL)
                    .initializer(construction(metamodel.name(), field, CodeBlock.of("/* parent */ null")))
                    .build());
        }
        type.addMethod(
                MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (NestedPathClass nested : metamodel.nestedClasses()) {
            type.addType(nestedClass(metamodel.name(), nested));
        }
        return JavaFile.builder(metamodel.name().packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private TypeSpec nestedClass(ClassName metamodel, NestedPathClass nested) {
        TypeSpec.Builder type = TypeSpec.classBuilder(nested.simpleName())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .superclass(OBJECT_PATH)
                .addJavadoc("Typed paths to the fields of a nested {@code $L}.\n", nested.typeName());

        MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("@param parent the enclosing object's path, or null at the top level\n")
                .addJavadoc("@param name the JSON property name\n")
                .addParameter(OBJECT_PATH, "parent")
                .addParameter(String.class, "name")
                .addStatement("super(parent, name)");
        for (PathDescriptor field : nested.fields()) {
            type.addField(
                    FieldSpec.builder(fieldType(metamodel, field), field.javaName(), Modifier.PUBLIC, Modifier.FINAL)
                            .build());
            constructor.addStatement(
                    "this.$N = $L", field.javaName(), construction(metamodel, field, CodeBlock.of("this")));
        }
        return type.addMethod(constructor.build()).build();
    }

    private static TypeName fieldType(ClassName metamodel, PathDescriptor field) {
        return switch (field.kind()) {
            case NUMBER, TEMPORAL, ENUM, COLLECTION ->
                ParameterizedTypeName.get(field.kind().pathClass(), field.argument());
            case NESTED -> metamodel.nestedClass(field.nestedClass());
            default -> field.kind().pathClass();
        };
    }

    private static CodeBlock construction(ClassName metamodel, PathDescriptor field, CodeBlock parent) {
        return switch (field.kind()) {
            case FULL_TEXT ->
                CodeBlock.of(
                        "new $T($L, $S, $S)", field.kind().pathClass(), parent, field.jsonName(), field.language());
            case TEMPORAL ->
                CodeBlock.of(
                        "new $T<>($L, $S, $T.class)",
                        field.kind().pathClass(),
                        parent,
                        field.jsonName(),
                        field.argument());
            case NUMBER, ENUM, COLLECTION ->
                CodeBlock.of("new $T<>($L, $S)", field.kind().pathClass(), parent, field.jsonName());
            case NESTED ->
                CodeBlock.of("new $T($L, $S)", metamodel.nestedClass(field.nestedClass()), parent, field.jsonName());
            default -> CodeBlock.of("new $T($L, $S)", field.kind().pathClass(), parent, field.jsonName());
        };
    }
}
