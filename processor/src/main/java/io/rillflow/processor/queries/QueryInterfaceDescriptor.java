package io.rillflow.processor.queries;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A valid {@code @DocumentQueries} interface and what to generate for it.
 *
 * @param originatingElements the interface, then the document type: what the generated class is made from
 * @param type the interface
 * @param implementation the class to generate, {@code <Interface>_Impl}
 * @param document the document class
 * @param methods the query methods, in declaration order
 */
record QueryInterfaceDescriptor(
        List<TypeElement> originatingElements,
        ClassName type,
        ClassName implementation,
        ClassName document,
        List<QueryMethodDescriptor> methods) {
    QueryInterfaceDescriptor {
        originatingElements = List.copyOf(originatingElements);
        methods = List.copyOf(methods);
    }
}
