package io.rillflow.processor.queries;

import static io.rillflow.processor.RuntimeTypes.COMPILED_QUERY_SUPPORT;
import static io.rillflow.processor.RuntimeTypes.COMPILED_STATEMENT;
import static io.rillflow.processor.RuntimeTypes.QUERY_FACTORY;
import static io.rillflow.processor.RuntimeTypes.SQL_TYPE;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.rillflow.processor.queries.QueryMethodDescriptor.Parameter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Interface>_Impl}: one public SQL constant per method (the statement template, readable in the source
 * and usable for {@code EXPLAIN}), one compiled statement per method completed once per store, and methods that bind
 * their parameters by position and read typed results.
 */
final class QueryImplementationWriter {
    private static final ClassName BINDER = COMPILED_QUERY_SUPPORT.nestedClass("Binder");
    /** The binder lambda's parameter: the statement's {@code QueryParameters}, renamed if a method parameter has it. */
    private static final String PARAMETERS = "parameters";

    private final Optional<AnnotationSpec> generated;

    QueryImplementationWriter(Optional<AnnotationSpec> generated) {
        this.generated = generated;
    }

    JavaFile write(QueryInterfaceDescriptor queries) {
        TypeSpec.Builder type = TypeSpec.classBuilder(queries.implementation())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(queries.type())
                .addJavadoc(
                        "The queries of {@link $T} on {@link $T} documents, rendered to SQL at compile time.\n"
                                + "Obtain it with {@code store.queries($T.class)}.\n",
                        queries.type(),
                        queries.document(),
                        queries.type());
        generated.ifPresent(type::addAnnotation);
        queries.originatingElements().forEach(type::addOriginatingElement);
        type.addField(FieldSpec.builder(
                        ParameterizedTypeName.get(QUERY_FACTORY, queries.type()),
                        "FACTORY",
                        Modifier.PUBLIC,
                        Modifier.STATIC,
                        Modifier.FINAL)
                .addJavadoc("Creates the implementation over a collection; listed in the generated registry.\n")
                .initializer(
                        "$T.of($T.class,$W$T.class,$W$T::new)",
                        QUERY_FACTORY,
                        queries.type(),
                        queries.document(),
                        queries.implementation())
                .build());
        ParameterizedTypeName statementType = ParameterizedTypeName.get(COMPILED_STATEMENT, queries.document());
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Completes every statement with the schema and table of {@code support}, once.\n")
                .addParameter(ParameterizedTypeName.get(COMPILED_QUERY_SUPPORT, queries.document()), "support");
        Set<String> constants = new HashSet<>();
        Set<String> fields = new HashSet<>();
        for (QueryMethodDescriptor method : queries.methods()) {
            String constant = unique(constantName(method.name()), constants, "_");
            String field = unique(method.name(), fields, "");
            type.addField(FieldSpec.builder(String.class, constant, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The statement of {@code $L}.\n", method.signature())
                    .initializer("$S", method.sql())
                    .build());
            type.addField(FieldSpec.builder(statementType, field, Modifier.PRIVATE, Modifier.FINAL)
                    .build());
            constructor.addStatement("this.$N = support.statement($S,$W$N)", field, method.signature(), constant);
            String total = null;
            if (method.totalSql() != null) {
                String totalConstant = unique(constant + "_TOTAL", constants, "_");
                total = unique(field + "Total", fields, "");
                type.addField(
                        FieldSpec.builder(String.class, totalConstant, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                                .addJavadoc(
                                        "The count of every match of {@code $L}, for a page past the end.\n",
                                        method.signature())
                                .initializer("$S", method.totalSql())
                                .build());
                type.addField(FieldSpec.builder(statementType, total, Modifier.PRIVATE, Modifier.FINAL)
                        .build());
                constructor.addStatement(
                        "this.$N = support.statement($S,$W$N)", total, method.signature(), totalConstant);
            }
            type.addMethod(method(method, field, total));
        }
        type.addMethod(constructor.build());
        return JavaFile.builder(queries.implementation().packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private MethodSpec method(QueryMethodDescriptor method, String field, String total) {
        MethodSpec.Builder spec = MethodSpec.methodBuilder(method.name())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(method.returnType());
        for (Parameter parameter : method.parameters()) {
            spec.addParameter(parameter.type(), parameter.name());
        }
        spec.varargs(method.varargs());
        Set<String> taken = new HashSet<>();
        method.parameters().forEach(p -> taken.add(p.name()));
        CodeBlock binder = binder(method.bindings(), unique(PARAMETERS, taken, "_"));
        CodeBlock projection =
                method.projection() == null ? CodeBlock.of("") : CodeBlock.of(",$W$T.class", method.projection());
        switch (method.result()) {
            case LIST -> spec.addStatement("return $N.list($L$L)", field, binder, projection);
            case OPTIONAL -> spec.addStatement("return $N.optional($L$L)", field, binder, projection);
            case SINGLE -> spec.addStatement("return $N.optional($L$L).orElse(null)", field, binder, projection);
            case STREAM -> spec.addStatement("return $N.stream($L$L)", field, binder, projection);
            case PAGE ->
                spec.addStatement("return $N.page($L,$W$N,$W$N$L)", field, binder, method.page(), total, projection);
            case COUNT_LONG -> spec.addStatement("return $N.count($L)", field, binder);
            case COUNT_INT -> spec.addStatement("return $T.toIntExact($N.count($L))", Math.class, field, binder);
            case EXISTS -> spec.addStatement("return $N.exists($L)", field, binder);
            case UPDATE_LONG -> spec.addStatement("return $N.update($L)", field, binder);
            case UPDATE_INT -> spec.addStatement("return $T.toIntExact($N.update($L))", Math.class, field, binder);
            case UPDATE_VOID -> spec.addStatement("$N.update($L)", field, binder);
        }
        return spec.build();
    }

    /** {@code parameters -> parameters.string("email", email)}, one call a bound value, in SQL order. */
    private static CodeBlock binder(List<Binding> bindings, String parameters) {
        if (bindings.isEmpty()) {
            return CodeBlock.of("$T.none()", BINDER);
        }
        CodeBlock.Builder chain = CodeBlock.builder().add("$N ->$W$N", parameters, parameters);
        for (Binding binding : bindings) {
            if (binding.type() != null) {
                chain.add(
                        "$Z.$L($S, $T.$L, $N)",
                        binding.kind().method(),
                        binding.parameter(),
                        SQL_TYPE,
                        binding.type().name(),
                        binding.parameter());
            } else {
                chain.add("$Z.$L($S, $N)", binding.kind().method(), binding.parameter(), binding.parameter());
            }
        }
        return chain.build();
    }

    /** {@code findByEmail} → {@code FIND_BY_EMAIL}. */
    static String constantName(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static String unique(String name, Set<String> taken, String separator) {
        String candidate = name;
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = name + separator + i;
        }
        return candidate;
    }
}
