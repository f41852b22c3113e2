package io.rillflow.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import java.util.Optional;
import javax.lang.model.util.Elements;

/** The {@code @Generated} marker put on every generated type, naming the processor that wrote it. */
public final class GeneratedAnnotation {
    private static final String GENERATED = "javax.annotation.processing.Generated";

    private GeneratedAnnotation() {}

    /**
     * {@code @Generated("<generator>")}, or empty where the annotation is not visible (a module that does not read
     * {@code java.compiler}), so that generated code always compiles.
     */
    public static Optional<AnnotationSpec> of(Elements elements, Class<?> generator) {
        if (elements.getTypeElement(GENERATED) == null) {
            return Optional.empty();
        }
        return Optional.of(AnnotationSpec.builder(ClassName.bestGuess(GENERATED))
                .addMember("value", "$S", generator.getName())
                .build());
    }
}
