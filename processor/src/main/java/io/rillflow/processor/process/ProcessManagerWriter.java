package io.rillflow.processor.process;

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
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.process.ProcessManagerDescriptor.Handler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Type>_ProcessManager}: the {@code ProcessManagerHandler} that decodes each event once and calls the
 * {@code @On} method for its class, returning the dispatches it made, plus the registry's {@code DEFINITION}.
 */
final class ProcessManagerWriter {
    static final ClassName DEFINITION = RuntimeTypes.PROCESS_MANAGER_DEFINITION;
    private static final ClassName HANDLER = RuntimeTypes.PROCESS_MANAGER_HANDLER;
    private static final ClassName DISPATCH = RuntimeTypes.DISPATCH;
    private static final ClassName ENVELOPE = RuntimeTypes.EVENT_ENVELOPE;
    private static final TypeName ANY_DISPATCH =
            ParameterizedTypeName.get(DISPATCH, WildcardTypeName.subtypeOf(Object.class));
    private static final TypeName DISPATCHES =
            ParameterizedTypeName.get(ClassName.get(List.class), WildcardTypeName.subtypeOf(ANY_DISPATCH));
    private static final TypeName CLASSES = ParameterizedTypeName.get(
            ClassName.get(Set.class),
            ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class)));

    private final Optional<AnnotationSpec> generated;

    ProcessManagerWriter(Optional<AnnotationSpec> generated) {
        this.generated = generated;
    }

    JavaFile write(ProcessManagerDescriptor manager) {
        ClassName self = manager.handlerClass();
        ClassName target = manager.type();
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(HANDLER)
                .addOriginatingElement(manager.element())
                .addJavadoc("Dispatches stored events to the {@code @On} methods of {@link $T}.\n", target);
        generated.ifPresent(type::addAnnotation);

        type.addField(FieldSpec.builder(String.class, "NAME", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The process manager's name.\n")
                .initializer("$S", manager.name())
                .build());
        CodeBlock factory = manager.instantiable() ? CodeBlock.of("$T::new", self) : CodeBlock.of("null");
        type.addField(FieldSpec.builder(DEFINITION, "DEFINITION", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("This process manager as the registry lists it.\n")
                .initializer("new $T(NAME, $T.class, $T.class, $L)", DEFINITION, target, self, factory)
                .build());
        type.addField(classes(
                "EVENT_CLASSES", manager.handlers().stream().map(Handler::event).toList()));
        type.addField(classes("COMMAND_TYPES", manager.commandTypes()));
        type.addField(target, "processManager", Modifier.PRIVATE, Modifier.FINAL);

        if (manager.instantiable()) {
            type.addMethod(MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc("Dispatches to a new {@link $T}.\n", target)
                    .addStatement("this(new $T())", target)
                    .build());
        }
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Dispatches to {@code processManager}, for instances the application creates itself.\n")
                .addParameter(target, "processManager")
                .addStatement(
                        "this.processManager = $T.requireNonNull(processManager, $S)", Objects.class, "processManager")
                .build());
        type.addMethod(getter("name", ClassName.get(String.class), "NAME"));
        type.addMethod(getter("eventClasses", CLASSES, "EVENT_CLASSES"));
        type.addMethod(getter("commandTypes", CLASSES, "COMMAND_TYPES"));
        type.addMethod(on(manager));
        return JavaFile.builder(self.packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private static FieldSpec classes(String name, List<TypeName> types) {
        CodeBlock list = types.stream().map(t -> CodeBlock.of("$T.class", t)).collect(CodeBlock.joining(", "));
        return FieldSpec.builder(CLASSES, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.of($L)", Set.class, list)
                .build();
    }

    private static MethodSpec getter(String name, TypeName type, String field) {
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(type)
                .addStatement("return $L", field)
                .build();
    }

    private static MethodSpec on(ProcessManagerDescriptor manager) {
        MethodSpec.Builder on = MethodSpec.methodBuilder("on")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(DISPATCHES)
                .addParameter(ENVELOPE, "event")
                .addException(Exception.class)
                .addComment("Decoded once, by the store's event types; the runner reads only the classes listed.")
                .addStatement("$T decoded = event.event()", Object.class)
                .addStatement("$T<?> type = decoded.getClass()", Class.class);
        for (Handler handler : manager.handlers()) {
            CodeBlock call = CodeBlock.of(
                    "processManager.$L(($T) decoded$L)",
                    handler.method(),
                    handler.event(),
                    handler.envelope() ? ", event" : "");
            on.beginControlFlow("if (type == $T.class)", handler.event());
            if (handler.list()) {
                on.addStatement("return $L", call);
            } else {
                on.addStatement("$T dispatch = $L", ANY_DISPATCH, call)
                        .addStatement("return dispatch == null ? $T.of() : $T.of(dispatch)", List.class, List.class);
            }
            on.endControlFlow();
        }
        return on.addStatement("return $T.of()", List.class).build();
    }
}
