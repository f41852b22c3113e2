package io.rillflow.processor.queries;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Feature;
import io.rillflow.processor.GeneratedAnnotation;
import io.rillflow.processor.Message;
import io.rillflow.processor.RillflowProcessor;
import io.rillflow.processor.registry.RegistryEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Implements {@code @DocumentQueries} interfaces: validates each interface and its methods against the document,
 * writes {@code <Interface>_Impl} with SQL rendered at compile time, and registers its factory so that
 * {@code store.queries(Interface.class)} finds it. An interface whose document is not resolved yet waits for a later
 * round.
 */
public final class QueryFeature implements Feature {
    private static final TypeName FACTORY = ParameterizedTypeName.get(
            ClassName.get("io.rillflow.spi", "QueryFactory"), WildcardTypeName.subtypeOf(Object.class));

    /** Interfaces waiting for a later round, with what is unresolved. */
    private final Map<String, String> deferred = new TreeMap<>();

    @Override
    public Set<String> annotations() {
        return Set.of(QueryInterfaceValidator.DOCUMENT_QUERIES, QueryMethodValidator.QUERY);
    }

    @Override
    public List<RegistryEntry> processRound(ProcessingEnvironment env, RoundEnvironment round) {
        TypeElement annotation = env.getElementUtils().getTypeElement(QueryInterfaceValidator.DOCUMENT_QUERIES);
        if (annotation == null) {
            return List.of();
        }
        Map<String, TypeElement> types = new TreeMap<>();
        for (String name : deferred.keySet()) {
            TypeElement type = env.getElementUtils().getTypeElement(name);
            if (type != null) {
                types.put(name, type);
            }
        }
        deferred.clear();
        for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(annotation))) {
            types.put(type.getQualifiedName().toString(), type);
        }
        reportQueriesOutsideQueryInterfaces(env, round, annotation);
        QueryInterfaceValidator validator = new QueryInterfaceValidator(env.getElementUtils(), env.getTypeUtils());
        Optional<AnnotationSpec> marker = GeneratedAnnotation.of(env.getElementUtils(), RillflowProcessor.class);
        List<RegistryEntry> entries = new ArrayList<>();
        for (TypeElement type : types.values()) {
            try {
                QueryInterfaceValidator.Result result = validator.validate(type);
                if (result.unresolved() != null) {
                    deferred.put(type.getQualifiedName().toString(), result.unresolved());
                    continue;
                }
                result.report().printTo(env.getMessager());
                QueryInterfaceDescriptor queries = result.descriptor();
                if (queries == null) {
                    continue;
                }
                JavaFile file = new QueryImplementationWriter(marker).write(queries);
                file.writeTo(env.getFiler());
                entries.add(new RegistryEntry(
                        "queries",
                        FACTORY,
                        CodeBlock.of("$T.FACTORY", queries.implementation()),
                        queries.type().canonicalName(),
                        type));
            } catch (IOException e) {
                Diagnostics.error(
                        env,
                        type,
                        Message.GENERATION_FAILED.format(
                                "the query implementation", type.getQualifiedName(), e.getMessage()));
            } catch (RuntimeException e) {
                Diagnostics.unexpected(env, type, e);
            }
        }
        return entries;
    }

    /** A {@code @Query} on a type without {@code @DocumentQueries} would never be implemented: say so. */
    private static void reportQueriesOutsideQueryInterfaces(
            ProcessingEnvironment env, RoundEnvironment round, TypeElement documentQueries) {
        TypeElement query = env.getElementUtils().getTypeElement(QueryMethodValidator.QUERY);
        if (query == null) {
            return;
        }
        for (ExecutableElement method : ElementFilter.methodsIn(round.getElementsAnnotatedWith(query))) {
            Element owner = method.getEnclosingElement();
            boolean declared = owner.getAnnotationMirrors().stream()
                    .anyMatch(m -> m.getAnnotationType().asElement().equals(documentQueries));
            if (!declared) {
                Diagnostics.error(
                        env,
                        method,
                        Message.QUERY_OUTSIDE_QUERY_INTERFACE.format(
                                owner.getSimpleName() + "." + method.getSimpleName(), owner));
            }
        }
    }

    @Override
    public void finish(ProcessingEnvironment env) {
        Diagnostics.reportUnresolved(env, deferred, Message.QUERIES_UNRESOLVED);
    }
}
