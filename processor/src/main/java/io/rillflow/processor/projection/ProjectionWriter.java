package io.rillflow.processor.projection;

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
import io.rillflow.processor.projection.ProjectionDescriptor.Argument;
import io.rillflow.processor.projection.ProjectionDescriptor.Handler;
import io.rillflow.processor.projection.ProjectionDescriptor.Method;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Type>_Projection}: the {@code ProjectionHandler} that decodes each event once and calls the
 * {@code @On} method for its class, plus the registry's {@code DEFINITION}.
 */
final class ProjectionWriter {
    static final ClassName HANDLER = RuntimeTypes.PROJECTION_HANDLER;
    static final ClassName DEFINITION = RuntimeTypes.PROJECTION_DEFINITION;
    private static final ClassName CONTEXT = RuntimeTypes.PROJECTION_CONTEXT;
    private static final ClassName ENVELOPE = RuntimeTypes.EVENT_ENVELOPE;
    private static final ClassName MODE = RuntimeTypes.PROJECTION_MODE;
    private static final TypeName CLASSES = ParameterizedTypeName.get(
            ClassName.get(Set.class),
            ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class)));

    private final Optional<AnnotationSpec> generated;

    ProjectionWriter(Optional<AnnotationSpec> generated) {
        this.generated = generated;
    }

    JavaFile write(ProjectionDescriptor projection) {
        ClassName self = projection.handlerClass();
        ClassName target = projection.type();
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(HANDLER)
                .addOriginatingElement(projection.element())
                .addJavadoc("Dispatches stored events to the {@code @On} methods of {@link $T}.\n", target);
        generated.ifPresent(type::addAnnotation);

        type.addField(FieldSpec.builder(String.class, "NAME", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The projection's name.\n")
                .initializer("$S", projection.name())
                .build());
        CodeBlock factory = projection.instantiable() ? CodeBlock.of("$T::new", self) : CodeBlock.of("null");
        type.addField(FieldSpec.builder(DEFINITION, "DEFINITION", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("This projection as the registry lists it.\n")
                .initializer(
                        "new $T(NAME, $T.$L, $T.class, $T.class, $L)",
                        DEFINITION,
                        MODE,
                        projection.mode(),
                        target,
                        self,
                        factory)
                .build());
        CodeBlock classes = projection.handlers().stream()
                .map(h -> CodeBlock.of("$T.class", h.event()))
                .collect(CodeBlock.joining(", "));
        type.addField(FieldSpec.builder(CLASSES, "EVENT_CLASSES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.of($L)", Set.class, classes)
                .build());
        type.addField(target, "projection", Modifier.PRIVATE, Modifier.FINAL);

        if (projection.instantiable()) {
            type.addMethod(MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc("Dispatches to a new {@link $T}.\n", target)
                    .addStatement("this(new $T())", target)
                    .build());
        }
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Dispatches to {@code projection}, for instances the application creates itself.\n")
                .addParameter(target, "projection")
                .addStatement("this.projection = $T.requireNonNull(projection, $S)", Objects.class, "projection")
                .build());
        type.addMethod(MethodSpec.methodBuilder("name")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addStatement("return NAME")
                .build());
        type.addMethod(MethodSpec.methodBuilder("mode")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(MODE)
                .addStatement("return $T.$L", MODE, projection.mode())
                .build());
        type.addMethod(MethodSpec.methodBuilder("eventClasses")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(CLASSES)
                .addStatement("return EVENT_CLASSES")
                .build());
        type.addMethod(apply(projection));
        projection
                .rebuild()
                .ifPresent(rebuild -> type.addMethod(MethodSpec.methodBuilder("rebuild")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(CONTEXT, "context")
                        .addException(Exception.class)
                        .addStatement("projection.$L($L)", rebuild.name(), arguments(rebuild, null))
                        .build()));
        return JavaFile.builder(self.packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private static MethodSpec apply(ProjectionDescriptor projection) {
        MethodSpec.Builder apply = MethodSpec.methodBuilder("apply")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(ENVELOPE, "event")
                .addParameter(CONTEXT, "context")
                .addException(Exception.class)
                .addComment(
                        "Decoded once, by the store's event types; classes this projection does not take are skipped.")
                .addStatement("$T decoded = event.event()", Object.class)
                .addStatement("$T<?> type = decoded.getClass()", Class.class);
        for (Handler handler : projection.handlers()) {
            apply.beginControlFlow("if (type == $T.class)", handler.event())
                    .addStatement(
                            "projection.$L($L)",
                            handler.method().name(),
                            arguments(handler.method(), CodeBlock.of("($T) decoded", handler.event())))
                    .addStatement("return")
                    .endControlFlow();
        }
        return apply.build();
    }

    private static CodeBlock arguments(Method method, CodeBlock event) {
        return method.arguments().stream()
                .map(argument -> argument(argument, event))
                .collect(CodeBlock.joining(", "));
    }

    private static CodeBlock argument(Argument argument, CodeBlock event) {
        return switch (argument) {
            case EVENT -> event;
            case ENVELOPE -> CodeBlock.of("event");
            case CONTEXT -> CodeBlock.of("context");
            case CONNECTION -> CodeBlock.of("context.connection()");
        };
    }
}
