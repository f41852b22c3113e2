package io.rillflow.processor.document;

import com.palantir.javapoet.ClassName;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/** The names a document gets: its document (table) name and the names of its generated classes. */
final class DocumentNames {
    /** The runtime's rule for document names ({@code DocumentTables}). */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    static final int MAX_NAME = 40;

    private DocumentNames() {}

    /** The default document name, as the runtime's {@code DocumentTables.defaultName}: {@code OrderLine → order_line}. */
    static String defaultName(String simpleName) {
        return simpleName
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }

    /** Whether the runtime accepts {@code name} as a document name. */
    static boolean valid(String name) {
        return name.length() <= MAX_NAME && NAME.matcher(name).matches();
    }

    /** A valid name close to an invalid one, for the message suggesting a fix. */
    static String suggestion(String name) {
        String cleaned = defaultName(name).replaceAll("[^a-z0-9_]+", "_").replaceAll("^[^a-z]+", "");
        if (cleaned.isEmpty()) {
            cleaned = "document";
        }
        return cleaned.substring(0, Math.min(MAX_NAME, cleaned.length()));
    }

    /**
     * The class generated for {@code type} with {@code suffix}, in its package: {@code Customer_},
     * {@code CustomerRepository}; a nested {@code Outer.Customer} gives {@code Outer_Customer_}.
     */
    static ClassName generated(TypeElement type, String suffix) {
        StringBuilder name = new StringBuilder(type.getSimpleName());
        Element enclosing = type.getEnclosingElement();
        while (enclosing instanceof TypeElement outer) {
            name.insert(0, outer.getSimpleName() + "_");
            enclosing = outer.getEnclosingElement();
        }
        return ClassName.get(packageName(type), name + suffix);
    }

    static String packageName(Element element) {
        Element current = element;
        while (!(current instanceof PackageElement)) {
            current = current.getEnclosingElement();
        }
        return ((PackageElement) current).getQualifiedName().toString();
    }
}
