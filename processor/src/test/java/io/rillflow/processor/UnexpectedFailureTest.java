package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rillflow.processor.Sources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.rillflow.processor.registry.RegistryEntry;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** What a feature throws for one type, an {@link Error} included, is an error on that type; javac goes on. */
class UnexpectedFailureTest {

    @Test
    void errorThrownForOneTypeIsReportedOnItAndTheOtherTypesAreGenerated() {
        JavaFileObject broken = source("test.Broken", "@Document", "public class Broken {}");
        JavaFileObject fine = source("test.Fine", "@Document", "public class Fine {}");
        // Compiles only if the other type's file is generated (a failed compilation does not list its files).
        JavaFileObject user = source("test.User", "public class User { Fine_Seen seen; }");

        Compilation compilation = Compiler.javac()
                .withProcessors(new RillflowProcessor(List.of(new FailingFeature())))
                .compile(broken, fine, user);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(
                        Message.UNEXPECTED_EXCEPTION.format("test.Broken", "").strip())
                .inFile(broken)
                .onLineContaining("public class Broken");
        assertThat(compilation).hadErrorContaining("java.lang.NoClassDefFoundError: com/example/Missing");
    }

    /**
     * Reads {@code @Document} types into a marker class each, and fails on {@code Broken} as a processor whose class
     * path lacks a class would.
     */
    private static final class FailingFeature extends AnnotatedTypeFeature<TypeElement> {
        FailingFeature() {
            super(AnnotationNames.DOCUMENT);
        }

        @Override
        protected Reading<TypeElement> read(ProcessingEnvironment env, TypeElement type) {
            if (type.getSimpleName().contentEquals("Broken")) {
                throw new NoClassDefFoundError("com/example/Missing");
            }
            return Reading.of(ValidationReport.clean(), type);
        }

        @Override
        protected TypeElement origin(TypeElement type) {
            return type;
        }

        @Override
        protected List<JavaFile> files(TypeElement type, Optional<AnnotationSpec> generated) {
            ClassName name = ClassName.get(type);
            TypeSpec seen = TypeSpec.classBuilder(name.simpleName() + "_Seen")
                    .addOriginatingElement(type)
                    .build();
            return List.of(JavaFile.builder(name.packageName(), seen).build());
        }

        @Override
        protected List<RegistryEntry> entries(TypeElement type) {
            return List.of();
        }
    }
}
