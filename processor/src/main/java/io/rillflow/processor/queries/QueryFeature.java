package io.rillflow.processor.queries;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import io.rillflow.processor.AnnotatedTypeFeature;
import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.Message;
import io.rillflow.processor.Reading;
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.registry.RegistryEntry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Implements {@code @DocumentQueries} interfaces: validates each interface and its methods against the document,
 * writes {@code <Interface>_Impl} with SQL rendered at compile time, and registers its factory so that
 * {@code store.queries(Interface.class)} finds it.
 */
public final class QueryFeature extends AnnotatedTypeFeature<QueryInterfaceDescriptor> {
    private static final TypeName FACTORY =
            ParameterizedTypeName.get(RuntimeTypes.QUERY_FACTORY, WildcardTypeName.subtypeOf(Object.class));

    public QueryFeature() {
        super(AnnotationNames.DOCUMENT_QUERIES);
    }

    @Override
    public Set<String> annotations() {
        return Set.of(AnnotationNames.DOCUMENT_QUERIES, AnnotationNames.QUERY);
    }

    /** A {@code @Query} on a type without {@code @DocumentQueries} would never be implemented: say so. */
    @Override
    protected void beginRound(ProcessingEnvironment env, RoundEnvironment round) {
        for (ExecutableElement method : annotated(env, round, AnnotationNames.QUERY, ExecutableElement.class)) {
            Element owner = method.getEnclosingElement();
            if (AnnotationMirrors.find(owner, AnnotationNames.DOCUMENT_QUERIES).isEmpty()) {
                ValidationReport.of(
                                Message.QUERY_OUTSIDE_QUERY_INTERFACE,
                                method,
                                owner.getSimpleName() + "." + method.getSimpleName(),
                                owner)
                        .printTo(env.getMessager());
            }
        }
    }

    @Override
    protected Reading<QueryInterfaceDescriptor> read(ProcessingEnvironment env, TypeElement type) {
        return new QueryInterfaceValidator(env.getElementUtils(), env.getTypeUtils()).validate(type);
    }

    @Override
    protected TypeElement origin(QueryInterfaceDescriptor queries) {
        return queries.originatingElements().get(0);
    }

    @Override
    protected List<JavaFile> files(QueryInterfaceDescriptor queries, Optional<AnnotationSpec> generated) {
        return List.of(new QueryImplementationWriter(generated).write(queries));
    }

    @Override
    protected List<RegistryEntry> entries(QueryInterfaceDescriptor queries) {
        return listed("queries", FACTORY, queries.implementation(), "FACTORY", origin(queries));
    }
}
