package io.rillflow.processor.document;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * Everything the writers need about one valid {@code @Document} type. Holds no elements but the originating ones.
 *
 * @param originatingElements the document type first, then the user types its metamodel describes
 * @param type the document class
 * @param documentName the document name (table {@code rf_doc_<name>})
 * @param idType the boxed id class: UUID, String or Long
 * @param idAccess how the repository reads a document's id
 * @param metamodel the metamodel to generate
 * @param repository the repository class to generate
 * @param indexes the declared indexes, in declaration order
 * @param history whether every version is kept ({@code @Document(history = true)})
 */
public record DocumentDescriptor(
        List<TypeElement> originatingElements,
        ClassName type,
        String documentName,
        ClassName idType,
        IdAccess idAccess,
        MetamodelDescriptor metamodel,
        ClassName repository,
        List<IndexDescriptor> indexes,
        boolean history) {
    /**
     * How the id is read from a document: by calling a method or reading a field.
     *
     * @param name the accessor method (record accessor or getter) or the field
     * @param method whether {@code name} is a method
     */
    public record IdAccess(String name, boolean method) {}

    public DocumentDescriptor {
        originatingElements = List.copyOf(originatingElements);
        indexes = List.copyOf(indexes);
    }

    /** The document type, for messages and reports. */
    public TypeElement element() {
        return originatingElements.get(0);
    }

    /** The names of the classes generated for this document. */
    public List<ClassName> generatedClasses() {
        return List.of(metamodel.name(), repository);
    }
}
