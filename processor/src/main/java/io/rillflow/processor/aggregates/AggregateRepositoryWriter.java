package io.rillflow.processor.aggregates;

import static io.rillflow.processor.RuntimeTypes.AGGREGATE_DEFINITION;
import static io.rillflow.processor.RuntimeTypes.AGGREGATE_REPOSITORY;
import static io.rillflow.processor.RuntimeTypes.COMMAND_CONTEXT;
import static io.rillflow.processor.RuntimeTypes.EVENT_ENVELOPE;
import static io.rillflow.processor.RuntimeTypes.STORE;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.rillflow.processor.ClassDispatch;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes an aggregate's repository: an {@code AggregateRepository} with the aggregate's own state and id types, its
 * {@code DEFINITION}, and the dispatch: {@code evolve}, which decodes an event it applies and calls the {@code @Apply}
 * method for its class (the {@link io.rillflow.processor.ClassDispatch} every generated dispatch uses), and
 * {@code decide}, a type test per command calling the {@code @Handle} method.
 */
public final class AggregateRepositoryWriter {

    private final Optional<AnnotationSpec> generated;

    public AggregateRepositoryWriter(Optional<AnnotationSpec> generated) {
        this.generated = generated;
    }

    public JavaFile write(AggregateDescriptor aggregate) {
        TypeSpec.Builder type = TypeSpec.classBuilder(aggregate.repository())
                .addModifiers(Modifier.PUBLIC)
                .superclass(ParameterizedTypeName.get(AGGREGATE_REPOSITORY, aggregate.type(), aggregate.idType()))
                .addJavadoc(
                        "The {@code $L} aggregates ({@link $T}) with $T ids: load, execute, snapshots.\n",
                        aggregate.name(),
                        aggregate.type(),
                        aggregate.idType());
        generated.ifPresent(type::addAnnotation);
        type.addOriginatingElement(aggregate.element());
        type.addField(definition(aggregate));
        type.addField(FieldSpec.builder(
                        ParameterizedTypeName.get(Set.class, String.class),
                        "APPLIED",
                        Modifier.PRIVATE,
                        Modifier.STATIC,
                        Modifier.FINAL)
                .addJavadoc("The type names of the events an {@code @Apply} method takes.\n")
                .initializer(
                        "$T.of($L)",
                        Set.class,
                        aggregate.applies().stream()
                                .map(apply -> CodeBlock.of("$S", apply.event().name()))
                                .collect(CodeBlock.joining(",$W")))
                .build());
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Opens the aggregates on {@code store}.\n")
                .addParameter(STORE, "store")
                .addStatement("super(store, DEFINITION)")
                .build());
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PROTECTED)
                .addJavadoc("A copy of {@code unbound} on {@code connection}, for {@link #within}.\n")
                .addParameter(aggregate.repository(), "unbound")
                .addParameter(Connection.class, "connection")
                .addStatement("super(unbound, connection)")
                .build());
        type.addMethod(MethodSpec.methodBuilder("within")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                        "These aggregates on {@code connection}, inside its current transaction: the caller commits or\n")
                .addJavadoc("rolls back (and closes) it, never this repository; a conflict is not retried.\n")
                .returns(aggregate.repository())
                .addParameter(Connection.class, "connection")
                .addStatement("return new $T(this, connection)", aggregate.repository())
                .build());
        type.addMethod(evolve(aggregate));
        type.addMethod(decide(aggregate));
        if (statesVersions(aggregate)) {
            type.addMethod(targetVersion(aggregate));
        }
        return JavaFile.builder(aggregate.repository().packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private static FieldSpec definition(AggregateDescriptor aggregate) {
        CodeBlock initial = aggregate.initialFactory() == null
                ? CodeBlock.of("$T::new", aggregate.type())
                : CodeBlock.of("$T::$N", aggregate.type(), aggregate.initialFactory());
        CodeBlock commands = aggregate.handles().isEmpty()
                ? CodeBlock.of("")
                : CodeBlock.of(
                        "\n$>$>$L$<$<",
                        aggregate.handles().stream()
                                .map(h -> CodeBlock.of("$T.class", h.command()))
                                .collect(CodeBlock.joining(",\n")));
        return FieldSpec.builder(
                        ParameterizedTypeName.get(AGGREGATE_DEFINITION, aggregate.type(), aggregate.idType()),
                        "DEFINITION",
                        Modifier.PUBLIC,
                        Modifier.STATIC,
                        Modifier.FINAL)
                .addJavadoc("The aggregate's name, types and dispatch, as the registry and the command bus see them.\n")
                .initializer(
                        "new $T<>(\n$>$>$S,\n$T.class,\n$T.class,\n/* snapshotVersion */ $L,\n/* shape */ $S,\n$L,\n$T::evolve,\n$T::decide,\n$T.of($L)$L)$<$<",
                        AGGREGATE_DEFINITION,
                        aggregate.name(),
                        aggregate.type(),
                        aggregate.idType(),
                        aggregate.snapshotVersion(),
                        aggregate.shape(),
                        initial,
                        aggregate.repository(),
                        aggregate.repository(),
                        List.class,
                        commands,
                        statesVersions(aggregate)
                                ? CodeBlock.of(",\n$T::targetVersion", aggregate.repository())
                                : CodeBlock.of(""))
                .build();
    }

    private static boolean statesVersions(AggregateDescriptor aggregate) {
        return aggregate.handles().stream().anyMatch(h -> h.version() != null);
    }

    /** The version a command states in its {@code @ExpectedVersion} component: a type test per such command. */
    private static MethodSpec targetVersion(AggregateDescriptor aggregate) {
        CodeBlock.Builder body = CodeBlock.builder();
        for (AggregateDescriptor.Handle handle : aggregate.handles()) {
            AggregateDescriptor.Version version = handle.version();
            if (version == null) {
                continue;
            }
            body.beginControlFlow("if (command instanceof $T c)", handle.command());
            if (!version.boxed()) {
                body.addStatement(version.integer() ? "return (long) c.$N()" : "return c.$N()", version.accessor());
            } else if (version.integer()) {
                body.addStatement(
                        "return c.$N() == null ? null : c.$N().longValue()", version.accessor(), version.accessor());
            } else {
                body.addStatement("return c.$N()", version.accessor());
            }
            body.endControlFlow();
        }
        return MethodSpec.methodBuilder("targetVersion")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("The aggregate version {@code command} states in its {@code @ExpectedVersion}, or null.\n")
                .returns(Long.class)
                .addParameter(ClassName.OBJECT, "command")
                .addCode(body.build())
                .addStatement("return null")
                .build();
    }

    private static MethodSpec evolve(AggregateDescriptor aggregate) {
        ClassDispatch dispatch = ClassDispatch.decode();
        for (AggregateDescriptor.Apply apply : aggregate.applies()) {
            CodeBlock typed = ClassDispatch.cast(apply.event().type());
            CodeBlock arguments = apply.withEnvelope() ? CodeBlock.of("$L, event", typed) : typed;
            String method = apply.method().getSimpleName().toString();
            CodeBlock body =
                    switch (apply.style()) {
                        case MUTABLE ->
                            CodeBlock.builder()
                                    .addStatement("state.$N($L)", method, arguments)
                                    .addStatement("return state")
                                    .build();
                        case RETURNS_STATE ->
                            CodeBlock.builder()
                                    .addStatement("return state.$N($L)", method, arguments)
                                    .build();
                        case STATIC ->
                            CodeBlock.builder()
                                    .addStatement("return $T.$N(state, $L)", aggregate.type(), method, arguments)
                                    .build();
                    };
            dispatch.when(apply.event().type(), body);
        }
        return MethodSpec.methodBuilder("evolve")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Folds one event into the state; events without an {@code @Apply} method leave it as is.\n")
                .returns(aggregate.type())
                .addParameter(aggregate.type(), "state")
                .addParameter(EVENT_ENVELOPE, "event")
                .addComment("Only the events applied are decoded: a stream may hold others, even of unknown types.")
                .beginControlFlow("if (!APPLIED.contains(event.type()))")
                .addStatement("return state")
                .endControlFlow()
                .addCode(dispatch.otherwise(
                        CodeBlock.builder().addStatement("return state").build()))
                .build();
    }

    private static MethodSpec decide(AggregateDescriptor aggregate) {
        CodeBlock.Builder body = CodeBlock.builder();
        for (AggregateDescriptor.Handle handle : aggregate.handles()) {
            CodeBlock.Builder arguments = CodeBlock.builder().add("c");
            for (AggregateDescriptor.Argument argument : handle.arguments()) {
                arguments.add(argument == AggregateDescriptor.Argument.ID ? ", id" : ", context");
            }
            body.beginControlFlow("if (command instanceof $T c)", handle.command())
                    .addStatement("return state.$N($L)", handle.method().getSimpleName(), arguments.build())
                    .endControlFlow();
        }
        body.addStatement(
                "throw new $T($S +$Wcommand.getClass().getName())",
                IllegalArgumentException.class,
                "Aggregate " + aggregate.name() + " handles no command of type ");
        return MethodSpec.methodBuilder("decide")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Handles one command, sent to the aggregate {@code id}, with its {@code @Handle} method.\n")
                .returns(ParameterizedTypeName.get(ClassName.get(List.class), WildcardTypeName.subtypeOf(Object.class)))
                .addParameter(aggregate.type(), "state")
                .addParameter(aggregate.idType(), "id")
                .addParameter(ClassName.OBJECT, "command")
                .addParameter(COMMAND_CONTEXT, "context")
                .addCode(body.build())
                .build();
    }
}
