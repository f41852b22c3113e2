package io.rillflow.processor.handlers;

import static io.rillflow.processor.RuntimeTypes.EVENT_ENVELOPE;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.rillflow.processor.ClassDispatch;
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.handlers.HandlerClassDescriptor.Handler;
import io.rillflow.processor.handlers.HandlerClassDescriptor.Method;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes the dispatch of an event-handler class ({@code <Type>_Projection} or {@code <Type>_ProcessManager}): the
 * runtime handler that decodes each event once and calls the {@code @On} method for its exact class, plus the
 * registry's {@code DEFINITION}. A process manager's dispatch returns the commands its method sent.
 */
final class HandlerClassWriter {
    private static final TypeName ANY_DISPATCH =
            ParameterizedTypeName.get(RuntimeTypes.DISPATCH, WildcardTypeName.subtypeOf(Object.class));
    private static final TypeName DISPATCHES =
            ParameterizedTypeName.get(ClassName.get(List.class), WildcardTypeName.subtypeOf(ANY_DISPATCH));
    private static final TypeName CLASSES = ParameterizedTypeName.get(
            ClassName.get(Set.class),
            ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class)));

    private final Optional<AnnotationSpec> generated;

    HandlerClassWriter(Optional<AnnotationSpec> generated) {
        this.generated = generated;
    }

    JavaFile write(HandlerClassDescriptor handlers) {
        HandlerKind kind = handlers.kind();
        ClassName self = handlers.handlerClass();
        ClassName target = handlers.type();
        String instance = kind.instanceName();
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(kind.handlerInterface())
                .addOriginatingElement(handlers.element())
                .addJavadoc("Dispatches stored events to the {@code @On} methods of {@link $T}.\n", target);
        generated.ifPresent(type::addAnnotation);

        type.addField(FieldSpec.builder(String.class, "NAME", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The $L's name.\n", kind.noun())
                .initializer("$S", handlers.name())
                .build());
        type.addField(definition(handlers));
        type.addField(classes(
                "EVENT_CLASSES",
                handlers.handlers().stream().map(Handler::event).toList()));
        if (kind.dispatches()) {
            type.addField(classes("COMMAND_TYPES", handlers.commandTypes()));
        }
        type.addField(target, instance, Modifier.PRIVATE, Modifier.FINAL);

        if (handlers.instantiable()) {
            type.addMethod(MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc("Dispatches to a new {@link $T}.\n", target)
                    .addStatement("this(new $T())", target)
                    .build());
        }
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Dispatches to {@code $L}, for instances the application creates itself.\n", instance)
                .addParameter(target, instance)
                .addStatement("this.$1N = $2T.requireNonNull($1N, $1S)", instance, Objects.class)
                .build());
        type.addMethod(getter("name", ClassName.get(String.class), CodeBlock.of("NAME")));
        if (handlers.mode() != null) {
            type.addMethod(getter(
                    "mode",
                    RuntimeTypes.PROJECTION_MODE,
                    CodeBlock.of("$T.$L", RuntimeTypes.PROJECTION_MODE, handlers.mode())));
        }
        type.addMethod(getter("eventClasses", CLASSES, CodeBlock.of("EVENT_CLASSES")));
        if (kind.dispatches()) {
            type.addMethod(getter("commandTypes", CLASSES, CodeBlock.of("COMMAND_TYPES")));
        }
        type.addMethod(dispatch(handlers));
        handlers.rebuild()
                .ifPresent(rebuild -> type.addMethod(MethodSpec.methodBuilder("rebuild")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(RuntimeTypes.PROJECTION_CONTEXT, "context")
                        .addException(Exception.class)
                        .addStatement("$N.$N($L)", instance, rebuild.name(), arguments(rebuild, null))
                        .build()));
        return JavaFile.builder(self.packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private static FieldSpec definition(HandlerClassDescriptor handlers) {
        ClassName definition = handlers.kind().definition();
        CodeBlock factory = handlers.instantiable()
                ? CodeBlock.of("$T::new", handlers.handlerClass())
                : CodeBlock.of("/* factory */ null");
        CodeBlock mode = handlers.mode() == null
                ? CodeBlock.of("")
                : CodeBlock.of("$T.$L,$W", RuntimeTypes.PROJECTION_MODE, handlers.mode());
        return FieldSpec.builder(definition, "DEFINITION", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(
                        "This $L as the registry lists it.\n", handlers.kind().noun())
                .initializer(
                        "new $T(NAME,$W$L$T.class,$W$T.class,$W$L)",
                        definition,
                        mode,
                        handlers.type(),
                        handlers.handlerClass(),
                        factory)
                .build();
    }

    private static FieldSpec classes(String name, List<TypeName> types) {
        CodeBlock list = types.stream().map(t -> CodeBlock.of("$T.class", t)).collect(CodeBlock.joining(",$W"));
        return FieldSpec.builder(CLASSES, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.of($L)", Set.class, list)
                .build();
    }

    private static MethodSpec getter(String name, TypeName type, CodeBlock value) {
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(type)
                .addStatement("return $L", value)
                .build();
    }

    /**
     * {@code apply(event, context)} of a projection, {@code on(event)} of a process manager: the same chain of exact
     * class tests on the event decoded once.
     */
    private static MethodSpec dispatch(HandlerClassDescriptor handlers) {
        boolean dispatches = handlers.kind().dispatches();
        MethodSpec.Builder method = MethodSpec.methodBuilder(dispatches ? "on" : "apply")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(EVENT_ENVELOPE, "event");
        if (dispatches) {
            method.returns(DISPATCHES);
        } else {
            method.addParameter(RuntimeTypes.PROJECTION_CONTEXT, "context");
        }
        method.addException(Exception.class).addComment("The runner passes only the classes listed in eventClasses().");
        String instance = handlers.kind().instanceName();
        ClassDispatch dispatch = ClassDispatch.decode();
        for (Handler handler : handlers.handlers()) {
            CodeBlock call = CodeBlock.of(
                    "$N.$N($L)",
                    instance,
                    handler.method().name(),
                    arguments(handler.method(), ClassDispatch.cast(handler.event())));
            CodeBlock.Builder body = CodeBlock.builder();
            switch (handler.returns()) {
                case IGNORED -> body.addStatement("$L", call).addStatement("return");
                case DISPATCH_LIST -> body.addStatement("return $L", call);
                case ONE_DISPATCH ->
                    body.addStatement("$T dispatch = $L", ANY_DISPATCH, call)
                            .addStatement("return dispatch == null ? $1T.of() : $1T.of(dispatch)", List.class);
            }
            dispatch.when(handler.event(), body.build());
        }
        method.addCode(dispatch.otherwise(
                dispatches
                        ? CodeBlock.builder()
                                .addStatement("return $T.of()", List.class)
                                .build()
                        : CodeBlock.of("")));
        return method.build();
    }

    private static CodeBlock arguments(Method method, CodeBlock event) {
        return method.arguments().stream()
                .map(argument -> switch (argument) {
                    case EVENT -> event;
                    case ENVELOPE -> CodeBlock.of("event");
                    case CONTEXT -> CodeBlock.of("context");
                    case CONNECTION -> CodeBlock.of("context.connection()");
                })
                .collect(CodeBlock.joining(",$W"));
    }
}
