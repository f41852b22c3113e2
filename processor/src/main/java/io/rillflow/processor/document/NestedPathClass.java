package io.rillflow.processor.document;

import java.util.List;

/**
 * A generated {@code ObjectPath} subclass with one path field per property of a user type ({@code Address_}).
 *
 * @param simpleName the class name inside the metamodel
 * @param typeName the qualified name of the user type it describes, for Javadoc and messages
 * @param fields its path fields, in property order
 */
public record NestedPathClass(String simpleName, String typeName, List<PathDescriptor> fields) {
    public NestedPathClass {
        fields = List.copyOf(fields);
    }
}
