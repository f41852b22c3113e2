package io.rillflow.processor.document;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Decides which runtime path class represents a Java type, as Jackson writes it: strings, UUIDs, numbers, booleans,
 * {@code java.time} types, enums, collections and arrays, the user's own records and classes (a nested path class),
 * and {@link PathKind#OBJECT} for everything else. {@code Optional<T>} is written as {@code T}, so it is unwrapped.
 */
final class PathTypes {
    /** What a Java type becomes in a metamodel. */
    record PathType(PathKind kind, TypeName argument, TypeElement nestedType) {
        static PathType of(PathKind kind) {
            return new PathType(kind, null, null);
        }

        static PathType of(PathKind kind, TypeName argument) {
            return new PathType(kind, argument, null);
        }
    }

    private static final Set<String> NUMBERS = Set.of(
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Short",
            "java.lang.Byte",
            "java.lang.Double",
            "java.lang.Float",
            "java.math.BigDecimal",
            "java.math.BigInteger");
    private static final Set<String> TEMPORALS = Set.of(
            "java.time.Instant",
            "java.time.OffsetDateTime",
            "java.time.ZonedDateTime",
            "java.time.LocalDateTime",
            "java.time.LocalDate");
    private static final Map<String, ClassName> OPTIONAL_NUMBERS = Map.of(
            "java.util.OptionalInt", ClassName.get(Integer.class),
            "java.util.OptionalLong", ClassName.get(Long.class),
            "java.util.OptionalDouble", ClassName.get(Double.class));
    /** Packages whose types are never treated as the user's nested value types. */
    private static final List<String> PLATFORM_PREFIXES =
            List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "com.fasterxml.jackson.");

    private final Elements elements;
    private final Types types;

    PathTypes(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /** Whether {@code type} or one of its type arguments could not be resolved (yet). */
    static boolean unresolved(TypeMirror type) {
        return switch (type.getKind()) {
            case ERROR -> true;
            case DECLARED -> ((DeclaredType) type).getTypeArguments().stream().anyMatch(PathTypes::unresolved);
            case ARRAY -> unresolved(((ArrayType) type).getComponentType());
            case WILDCARD -> {
                WildcardType wildcard = (WildcardType) type;
                yield (wildcard.getExtendsBound() != null && unresolved(wildcard.getExtendsBound()))
                        || (wildcard.getSuperBound() != null && unresolved(wildcard.getSuperBound()));
            }
            default -> false;
        };
    }

    /** The path type of a property of type {@code type}, for a metamodel generated into {@code packageName}. */
    PathType classify(TypeMirror type, String packageName) {
        switch (type.getKind()) {
            case BOOLEAN:
                return PathType.of(PathKind.BOOLEAN);
            case BYTE:
            case SHORT:
            case INT:
            case LONG:
            case FLOAT:
            case DOUBLE:
                return PathType.of(PathKind.NUMBER, boxed(type));
            case CHAR:
                return PathType.of(PathKind.STRING);
            case ARRAY:
                TypeMirror component = ((ArrayType) type).getComponentType();
                if (component.getKind() == TypeKind.BYTE || component.getKind() == TypeKind.CHAR) {
                    return PathType.of(PathKind.OBJECT); // Jackson writes byte[] as base64 and char[] as a string
                }
                return PathType.of(PathKind.COLLECTION, elementTypeName(component, packageName));
            case DECLARED:
                return classifyDeclared((DeclaredType) type, packageName);
            default:
                return PathType.of(PathKind.OBJECT);
        }
    }

    private PathType classifyDeclared(DeclaredType type, String packageName) {
        TypeElement element = (TypeElement) type.asElement();
        String name = element.getQualifiedName().toString();
        if (name.equals("java.util.Optional")) {
            return type.getTypeArguments().isEmpty()
                    ? PathType.of(PathKind.OBJECT)
                    : classify(upperBound(type.getTypeArguments().get(0)), packageName);
        }
        if (OPTIONAL_NUMBERS.containsKey(name)) {
            return PathType.of(PathKind.NUMBER, OPTIONAL_NUMBERS.get(name));
        }
        if (name.equals("java.lang.String") || name.equals("java.lang.Character")) {
            return PathType.of(PathKind.STRING);
        }
        if (name.equals("java.util.UUID")) {
            return PathType.of(PathKind.UUID);
        }
        if (NUMBERS.contains(name)) {
            return PathType.of(PathKind.NUMBER, ClassName.get(element));
        }
        if (name.equals("java.lang.Boolean")) {
            return PathType.of(PathKind.BOOLEAN);
        }
        if (TEMPORALS.contains(name)) {
            return PathType.of(PathKind.TEMPORAL, ClassName.get(element));
        }
        if (element.getKind() == ElementKind.ENUM) {
            // An enum the metamodel cannot name is still stored by constant name: compare it as a string.
            return accessible(type, packageName)
                    ? PathType.of(PathKind.ENUM, ClassName.get(element))
                    : PathType.of(PathKind.STRING);
        }
        DeclaredType collection = supertype(type, "java.util.Collection");
        if (collection != null) {
            TypeMirror elementType = collection.getTypeArguments().isEmpty()
                    ? elements.getTypeElement("java.lang.Object").asType()
                    : upperBound(collection.getTypeArguments().get(0));
            return PathType.of(PathKind.COLLECTION, elementTypeName(elementType, packageName));
        }
        if (userValueType(element)) {
            return new PathType(PathKind.NESTED, null, element);
        }
        return PathType.of(PathKind.OBJECT);
    }

    /** A concrete record or class of the application, not of the platform, not written as a single value. */
    private static boolean userValueType(TypeElement element) {
        String name = element.getQualifiedName().toString();
        if (PLATFORM_PREFIXES.stream().anyMatch(name::startsWith)) {
            return false;
        }
        boolean concrete = element.getKind() == ElementKind.RECORD
                || (element.getKind() == ElementKind.CLASS
                        && !element.getModifiers().contains(Modifier.ABSTRACT));
        return concrete
                && element.getEnclosedElements().stream()
                        .noneMatch(m -> AnnotationMirrors.find(m, AnnotationNames.JSON_VALUE)
                                .isPresent());
    }

    /** The type argument of a collection path: boxed, and {@code Object} when the metamodel cannot name it. */
    private TypeName elementTypeName(TypeMirror type, String packageName) {
        if (type.getKind().isPrimitive()) {
            return boxed(type);
        }
        if ((type.getKind() == TypeKind.DECLARED || type.getKind() == TypeKind.ARRAY)
                && accessible(type, packageName)) {
            return TypeName.get(type);
        }
        return ClassName.OBJECT;
    }

    private TypeName boxed(TypeMirror primitive) {
        return ClassName.get(types.boxedClass((PrimitiveType) primitive));
    }

    private TypeMirror upperBound(TypeMirror type) {
        if (type.getKind() == TypeKind.WILDCARD) {
            TypeMirror bound = ((WildcardType) type).getExtendsBound();
            return bound != null
                    ? bound
                    : elements.getTypeElement("java.lang.Object").asType();
        }
        return type;
    }

    /** The supertype of {@code type} (or itself) whose element is {@code qualifiedName}, with its type arguments. */
    private DeclaredType supertype(TypeMirror type, String qualifiedName) {
        if (type.getKind() != TypeKind.DECLARED) {
            return null;
        }
        DeclaredType declared = (DeclaredType) type;
        if (((TypeElement) declared.asElement()).getQualifiedName().contentEquals(qualifiedName)) {
            return declared;
        }
        for (TypeMirror parent : types.directSupertypes(type)) {
            DeclaredType found = supertype(parent, qualifiedName);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Whether code in {@code packageName} can name {@code type}. */
    static boolean accessible(TypeMirror type, String packageName) {
        return switch (type.getKind()) {
            case DECLARED -> {
                DeclaredType declared = (DeclaredType) type;
                yield accessible(declared.asElement(), packageName)
                        && declared.getTypeArguments().stream().allMatch(a -> accessible(a, packageName));
            }
            case ARRAY -> accessible(((ArrayType) type).getComponentType(), packageName);
            case WILDCARD -> {
                WildcardType wildcard = (WildcardType) type;
                yield (wildcard.getExtendsBound() == null || accessible(wildcard.getExtendsBound(), packageName))
                        && (wildcard.getSuperBound() == null || accessible(wildcard.getSuperBound(), packageName));
            }
            default -> type.getKind().isPrimitive();
        };
    }

    private static boolean accessible(Element type, String packageName) {
        Element current = type;
        while (current instanceof TypeElement) {
            if (current.getModifiers().contains(Modifier.PRIVATE)) {
                return false;
            }
            if (!current.getModifiers().contains(Modifier.PUBLIC)
                    && !packageOf(current).equals(packageName)) {
                return false;
            }
            current = current.getEnclosingElement();
        }
        return current instanceof PackageElement;
    }

    private static String packageOf(Element element) {
        Element current = element;
        while (!(current instanceof PackageElement)) {
            current = current.getEnclosingElement();
        }
        return ((PackageElement) current).getQualifiedName().toString();
    }
}
