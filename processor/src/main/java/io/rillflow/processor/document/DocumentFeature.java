package io.rillflow.processor.document;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import io.rillflow.processor.AnnotatedTypeFeature;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Message;
import io.rillflow.processor.Reading;
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.registry.RegistryEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;

/**
 * Generates, for each {@code @Document} type, a metamodel ({@code Customer_}) and a repository
 * ({@code CustomerRepository}), and contributes the repository's definition to the registry.
 */
public final class DocumentFeature extends AnnotatedTypeFeature<DocumentDescriptor> {
    private static final TypeName DEFINITION = ParameterizedTypeName.get(
            RuntimeTypes.DOCUMENT_DEFINITION,
            WildcardTypeName.subtypeOf(Object.class),
            WildcardTypeName.subtypeOf(Object.class));

    /** Document name to the type that took it first. */
    private final Map<String, String> tables = new HashMap<>();
    /** Generated class to the document it was generated for. */
    private final Map<String, String> generatedFor = new HashMap<>();

    public DocumentFeature() {
        super(AnnotationNames.DOCUMENT);
    }

    @Override
    protected Reading<DocumentDescriptor> read(ProcessingEnvironment env, TypeElement type) {
        return new DocumentValidator(env.getElementUtils(), env.getTypeUtils()).validate(type);
    }

    /** A table and a generated class belong to one document each, over the whole compilation. */
    @Override
    protected List<DocumentDescriptor> checkTogether(ProcessingEnvironment env, List<DocumentDescriptor> valid) {
        List<DocumentDescriptor> unique = new ArrayList<>();
        for (DocumentDescriptor document : valid) {
            TypeElement type = document.element();
            String typeName = type.getQualifiedName().toString();
            String owner = tables.putIfAbsent(document.documentName(), typeName);
            if (owner != null) {
                DocumentValidator.duplicateTable(type, document.documentName(), owner)
                        .printTo(env.getMessager());
                continue;
            }
            if (document.history()) {
                // The history table is named like a document's table: rf_doc_<name>_history.
                String historyOwner =
                        tables.putIfAbsent(document.documentName() + "_history", "the history of " + typeName);
                if (historyOwner != null) {
                    DocumentValidator.historyTableClash(type, document.documentName(), historyOwner)
                            .printTo(env.getMessager());
                    continue;
                }
            }
            Optional<String> clash = document.generatedClasses().stream()
                    .filter(c -> generatedFor.containsKey(c.canonicalName()))
                    .map(c -> c.canonicalName())
                    .findFirst();
            if (clash.isPresent()) {
                ValidationReport.of(
                                Message.GENERATED_NAME_CLASH,
                                type,
                                typeName,
                                clash.get(),
                                generatedFor.get(clash.get()))
                        .printTo(env.getMessager());
                continue;
            }
            document.generatedClasses().forEach(c -> generatedFor.put(c.canonicalName(), typeName));
            unique.add(document);
        }
        return unique;
    }

    @Override
    protected TypeElement origin(DocumentDescriptor document) {
        return document.element();
    }

    @Override
    protected List<JavaFile> files(DocumentDescriptor document, Optional<AnnotationSpec> generated) {
        return List.of(new MetamodelWriter(generated).write(document), new RepositoryWriter(generated).write(document));
    }

    @Override
    protected List<RegistryEntry> entries(DocumentDescriptor document) {
        return listed("documents", DEFINITION, document.repository(), "DEFINITION", document.element());
    }
}
