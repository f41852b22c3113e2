package io.rillflow.processor.document;

import static io.rillflow.processor.RuntimeTypes.DOCUMENT_COLLECTION;
import static io.rillflow.processor.RuntimeTypes.DOCUMENT_DEFINITION;
import static io.rillflow.processor.RuntimeTypes.DOCUMENT_REPOSITORY;
import static io.rillflow.processor.RuntimeTypes.INDEX_DEFINITION;
import static io.rillflow.processor.RuntimeTypes.STORE;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes a document's repository: a {@code DocumentRepository} with the document's own id type, its
 * {@code DEFINITION} (name, types, indexes on metamodel paths) and the id accessor.
 */
public final class RepositoryWriter {

    private final Optional<AnnotationSpec> generated;

    public RepositoryWriter(Optional<AnnotationSpec> generated) {
        this.generated = generated;
    }

    public JavaFile write(DocumentDescriptor document) {
        ParameterizedTypeName definitionType =
                ParameterizedTypeName.get(DOCUMENT_DEFINITION, document.type(), document.idType());
        TypeSpec.Builder type = TypeSpec.classBuilder(document.repository())
                .addModifiers(Modifier.PUBLIC)
                .superclass(ParameterizedTypeName.get(DOCUMENT_REPOSITORY, document.type(), document.idType()))
                .addJavadoc(
                        "The {@code $L} documents ({@link $T}), with $T ids, in the table {@code rf_doc_$L}.\n",
                        document.documentName(),
                        document.type(),
                        document.idType(),
                        document.documentName());
        generated.ifPresent(type::addAnnotation);
        document.originatingElements().forEach(type::addOriginatingElement);
        type.addField(FieldSpec.builder(definitionType, "DEFINITION", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The document's name, types, id accessor and indexes, as schema sync, sessions and the\n")
                .addJavadoc("registry see them.\n")
                .initializer(
                        "new $T<>(\n$>$>$S,\n$T.class,\n$T.class,\n$L,\n$L$<$<)$L",
                        DOCUMENT_DEFINITION,
                        document.documentName(),
                        document.type(),
                        document.idType(),
                        idAccessor(document.idAccess()),
                        indexes(document),
                        document.history() ? CodeBlock.of("\n$>$>.withHistory()$<$<") : CodeBlock.of(""))
                .build());
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Opens the documents on {@code store}, creating their table and indexes if missing.\n")
                .addParameter(STORE, "store")
                .addStatement("super(store, DEFINITION)")
                .build());
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PROTECTED)
                .addJavadoc(
                        "Wraps {@code collection}, for {@link #within} and for subclasses that return their own type.\n")
                .addParameter(
                        ParameterizedTypeName.get(DOCUMENT_COLLECTION, document.type(), document.idType()),
                        "collection")
                .addStatement("super(collection)")
                .build());
        type.addMethod(within(document.repository()));
        type.addMethod(MethodSpec.methodBuilder("idOf")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(document.idType())
                .addParameter(document.type(), "document")
                .addStatement("return DEFINITION.idOf(document)")
                .build());
        return JavaFile.builder(document.repository().packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private static MethodSpec within(ClassName repository) {
        return MethodSpec.methodBuilder("within")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                        "These documents on {@code connection}, inside its current transaction: the caller commits or\n")
                .addJavadoc("rolls back (and closes) it, never this repository.\n")
                .returns(repository)
                .addParameter(Connection.class, "connection")
                .addStatement("return new $T(collection().within(connection))", repository)
                .build();
    }

    /** The lambda reading the id: a lambda rather than a method reference, as the id may be a field. */
    private static CodeBlock idAccessor(DocumentDescriptor.IdAccess id) {
        return id.method()
                ? CodeBlock.of("document -> document.$N()", id.name())
                : CodeBlock.of("document -> document.$N", id.name());
    }

    private static CodeBlock indexes(DocumentDescriptor document) {
        List<IndexDescriptor> indexes = document.indexes();
        if (indexes.isEmpty()) {
            return CodeBlock.of("$T.of()", List.class);
        }
        CodeBlock.Builder list = CodeBlock.builder().add("$T.of(\n$>$>", List.class);
        for (int i = 0; i < indexes.size(); i++) {
            IndexDescriptor index = indexes.get(i);
            CodeBlock path = CodeBlock.of("$T.$L", document.metamodel().name(), String.join(".", index.javaPath()));
            list.add(
                    switch (index.kind()) {
                        case BTREE ->
                            CodeBlock.of(
                                    "$T.btree($S, $L, /* unique */ $L)",
                                    INDEX_DEFINITION,
                                    index.name(),
                                    path,
                                    index.unique());
                        case GIN, FULL_TEXT ->
                            CodeBlock.of(
                                    "$T.$L($S, $L)",
                                    INDEX_DEFINITION,
                                    index.kind().factory(),
                                    index.name(),
                                    path);
                    });
            list.add(i < indexes.size() - 1 ? ",\n" : ")$<$<");
        }
        return list.build();
    }
}
