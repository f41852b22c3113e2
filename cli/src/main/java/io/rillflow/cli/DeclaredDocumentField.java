package io.rillflow.cli;

import io.rillflow.documents.DocumentDefinition;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.spi.RillflowRegistry;
import io.rillflow.sql.SqlType;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A field of a document the application declares ({@code --classpath}): its comparison type and index kind, read from
 * the document class as the processor reads it (a scalar compares by its type, a collection, map or nested object is
 * indexed with GIN), and the indexes the application already declares on it.
 *
 * @param type the comparison type of a scalar field; null for a GIN field
 * @param kind B-tree for a scalar, GIN for anything else
 * @param indexes the declared indexes on the field, as {@code name (KIND[, unique])}
 */
record DeclaredDocumentField(SqlType type, IndexDefinition.Kind kind, List<String> indexes) {
    /**
     * Reads {@code field} of document {@code name} from the application's registries.
     *
     * @throws NotFoundException if the class path declares no such document
     * @throws IllegalArgumentException if the document class has no such field
     */
    static DeclaredDocumentField read(ApplicationClasspath application, String name, String field) {
        return application.readRegistries(registries -> {
            List<DocumentDefinition<?, ?>> documents = registries.stream()
                    .map(RillflowRegistry::documents)
                    .flatMap(List::stream)
                    .toList();
            DocumentDefinition<?, ?> document = documents.stream()
                    .filter(d -> d.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("The --classpath declares no document " + name
                            + "; it declares "
                            + documents.stream()
                                    .map(DocumentDefinition::name)
                                    .sorted()
                                    .toList()));
            Class<?> type = fieldType(document.type(), field);
            boolean scalar = type.isPrimitive()
                    || type.isEnum()
                    || type.getName().startsWith("java.")
                            && !Collection.class.isAssignableFrom(type)
                            && !Map.class.isAssignableFrom(type);
            List<String> indexes = document.indexes().stream()
                    .filter(i -> i.path().dotted().equals(field))
                    .map(i -> i.indexName(name) + " (" + i.kind() + (i.unique() ? ", unique" : "") + ")")
                    .toList();
            return scalar
                    ? new DeclaredDocumentField(SqlType.forJavaType(type), IndexDefinition.Kind.BTREE, indexes)
                    : new DeclaredDocumentField(null, IndexDefinition.Kind.GIN, indexes);
        });
    }

    /** The class of the dotted {@code field}, through record components and fields (of superclasses too). */
    private static Class<?> fieldType(Class<?> document, String field) {
        Class<?> current = document;
        for (String segment : field.split("\\.", -1)) {
            Class<?> next = member(current, segment);
            if (next == null) {
                throw new IllegalArgumentException("Document class " + document.getName() + " has no field " + field
                        + " (no " + segment + " in " + current.getName() + ")");
            }
            current = next;
        }
        return current;
    }

    private static Class<?> member(Class<?> type, String name) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(name)) {
                    return component.getType();
                }
            }
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name) && !java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    return f.getType();
                }
            }
        }
        return null;
    }
}
