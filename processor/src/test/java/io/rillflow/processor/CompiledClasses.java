package io.rillflow.processor;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Loads the classes of an in-memory compilation, so that tests run the generated code against the real runtime
 * (which the test class path holds) instead of reading its text.
 */
final class CompiledClasses extends ClassLoader {
    private static final String PREFIX = "/CLASS_OUTPUT/";

    private final Map<String, byte[]> classes = new HashMap<>();

    CompiledClasses(Compilation compilation) {
        super(CompiledClasses.class.getClassLoader());
        for (JavaFileObject file : compilation.generatedFiles()) {
            String name = file.getName();
            if (file.getKind() == JavaFileObject.Kind.CLASS && name.startsWith(PREFIX)) {
                String binaryName = name.substring(PREFIX.length(), name.length() - ".class".length())
                        .replace('/', '.');
                try (InputStream in = file.openInputStream()) {
                    classes.put(binaryName, in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /** The binary names of the compiled classes. */
    java.util.Set<String> classNames() {
        return new java.util.TreeSet<>(classes.keySet());
    }

    /** The value of a public static field of a compiled class. */
    Object staticField(String className, String field) {
        try {
            return loadClass(className).getField(field).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("No public static " + className + "." + field, e);
        }
    }

    /** The value of a public instance field. */
    static Object field(Object owner, String field) {
        try {
            return owner.getClass().getField(field).get(owner);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(
                    "No public field " + field + " on " + owner.getClass().getName(), e);
        }
    }
}
