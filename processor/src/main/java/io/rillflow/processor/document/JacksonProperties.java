package io.rillflow.processor.document;

import io.rillflow.processor.AnnotationMirrors;
import io.rillflow.processor.AnnotationNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * The properties Jackson (2.x, default settings) writes for a type, so that metamodel paths name the JSON actually
 * stored: record components; otherwise public fields and public getters ({@code getX}, {@code isX} for
 * {@code boolean}), plus members annotated {@code @JsonProperty}. {@code @JsonProperty("n")} renames a property,
 * {@code @JsonIgnore} and {@code @JsonProperty(access = WRITE_ONLY)} remove it. Annotations are read by name.
 */
final class JacksonProperties {
    private final Types types;

    JacksonProperties(Types types) {
        this.types = types;
    }

    /** The written properties of {@code type}, in declaration order (superclass members first). */
    List<Property> of(TypeElement type) {
        return type.getKind() == ElementKind.RECORD ? ofRecord(type) : ofClass(type);
    }

    private List<Property> ofRecord(TypeElement type) {
        List<Property> properties = new ArrayList<>();
        for (RecordComponentElement component : type.getRecordComponents()) {
            String name = component.getSimpleName().toString();
            VariableElement field = ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
                    .filter(f -> f.getSimpleName().contentEquals(name))
                    .findFirst()
                    .orElse(null);
            ExecutableElement accessor = component.getAccessor();
            List<Element> jacksonSources = new ArrayList<>();
            if (field != null) {
                jacksonSources.add(field);
            }
            if (accessor != null) {
                jacksonSources.add(accessor);
            }
            if (ignored(jacksonSources) || writeOnly(jacksonSources)) {
                continue;
            }
            // Component annotations that target fields are copied onto the private field, which (unlike the component
            // on JDK 17) has a source position for diagnostics.
            Element position = field != null ? field : component;
            properties.add(new Property(
                    name,
                    explicitName(jacksonSources).orElse(name),
                    component.asType(),
                    position,
                    List.of(position),
                    accessor,
                    field));
        }
        return properties;
    }

    private List<Property> ofClass(TypeElement type) {
        DeclaredType owner = (DeclaredType) type.asType();
        Map<String, Group> groups = new LinkedHashMap<>();
        List<TypeElement> hierarchy = hierarchy(type);
        for (TypeElement declaring : hierarchy) {
            for (VariableElement field : ElementFilter.fieldsIn(declaring.getEnclosedElements())) {
                if (field.getModifiers().contains(Modifier.STATIC)
                        || field.getModifiers().contains(Modifier.TRANSIENT)) {
                    continue;
                }
                Group group = groups.computeIfAbsent(field.getSimpleName().toString(), Group::new);
                group.field = field;
                group.fieldType = types.asMemberOf(owner, field);
                group.members.add(field);
            }
        }
        for (TypeElement declaring : hierarchy) {
            for (ExecutableElement method : ElementFilter.methodsIn(declaring.getEnclosedElements())) {
                String implicit = getterName(method);
                if (implicit == null) {
                    continue;
                }
                Group group = groups.computeIfAbsent(implicit, Group::new);
                // Top-down: an override in a subclass replaces the superclass getter and its (covariant) type.
                group.getter = method;
                group.getterType = ((ExecutableType) types.asMemberOf(owner, method)).getReturnType();
                group.members.add(method);
            }
        }
        List<Property> properties = new ArrayList<>();
        for (Group group : groups.values()) {
            group.toProperty().ifPresent(properties::add);
        }
        return properties;
    }

    /** The classes from the top-most superclass below {@code Object} down to {@code type}. */
    private static List<TypeElement> hierarchy(TypeElement type) {
        List<TypeElement> chain = new ArrayList<>();
        TypeElement current = type;
        while (current != null && !current.getQualifiedName().contentEquals("java.lang.Object")) {
            chain.add(0, current);
            TypeMirror superclass = current.getSuperclass();
            current = superclass.getKind() == TypeKind.DECLARED
                    ? (TypeElement) ((DeclaredType) superclass).asElement()
                    : null;
        }
        return chain;
    }

    /**
     * The implicit property name of a getter-shaped method ({@code getX}, {@code isX} returning {@code boolean}, or
     * any no-argument method annotated {@code @JsonProperty}), or null.
     */
    static String getterName(ExecutableElement method) {
        if (method.getModifiers().contains(Modifier.STATIC)
                || !method.getParameters().isEmpty()
                || method.getReturnType().getKind() == TypeKind.VOID) {
            return null;
        }
        String name = method.getSimpleName().toString();
        if (name.startsWith("get") && name.length() > 3) {
            return mangle(name.substring(3));
        }
        if (name.startsWith("is") && name.length() > 2 && method.getReturnType().getKind() == TypeKind.BOOLEAN) {
            return mangle(name.substring(2));
        }
        return AnnotationMirrors.find(method, AnnotationNames.JSON_PROPERTY).isPresent() ? name : null;
    }

    /** Jackson's default (legacy) name mangling: lower-cases the leading upper-case letters, {@code URLValue → urlvalue}. */
    static String mangle(String base) {
        StringBuilder name = new StringBuilder(base.length());
        int i = 0;
        while (i < base.length() && Character.isUpperCase(base.charAt(i))) {
            name.append(Character.toLowerCase(base.charAt(i)));
            i++;
        }
        return name.append(base, i, base.length()).toString();
    }

    /** Whether a member is annotated {@code @JsonIgnore} (with its default {@code true}). */
    static boolean ignored(Element member) {
        return AnnotationMirrors.find(member, AnnotationNames.JSON_IGNORE)
                .map(m -> AnnotationMirrors.bool(m, "value", true))
                .orElse(false);
    }

    private static boolean ignored(List<Element> members) {
        return members.stream().anyMatch(JacksonProperties::ignored);
    }

    private static boolean writeOnly(List<Element> members) {
        return members.stream()
                .map(m -> AnnotationMirrors.find(m, AnnotationNames.JSON_PROPERTY))
                .flatMap(Optional::stream)
                .anyMatch(
                        m -> AnnotationMirrors.enumConstant(m, "access", "AUTO").equals("WRITE_ONLY"));
    }

    /** Whether a member carries {@code @JsonProperty}, which makes it visible whatever its modifiers. */
    static boolean explicit(Element member) {
        return AnnotationMirrors.find(member, AnnotationNames.JSON_PROPERTY).isPresent();
    }

    /** The first non-empty {@code @JsonProperty} name among {@code members}, getters first. */
    private static Optional<String> explicitName(List<Element> members) {
        List<Element> ordered = new ArrayList<>();
        members.stream().filter(m -> m.getKind() == ElementKind.METHOD).forEach(ordered::add);
        members.stream().filter(m -> m.getKind() != ElementKind.METHOD).forEach(ordered::add);
        for (Element member : ordered) {
            Optional<AnnotationMirror> mirror = AnnotationMirrors.find(member, AnnotationNames.JSON_PROPERTY);
            if (mirror.isPresent()) {
                String name = AnnotationMirrors.string(mirror.get(), "value", "");
                if (!name.isEmpty()) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }

    /** The members Jackson links under one implicit name. */
    private static final class Group {
        final String implicitName;
        final List<Element> members = new ArrayList<>();
        VariableElement field;
        TypeMirror fieldType;
        ExecutableElement getter;
        TypeMirror getterType;

        Group(String implicitName) {
            this.implicitName = implicitName;
        }

        Optional<Property> toProperty() {
            // Jackson drops a property with an ignored member unless another member is explicitly included.
            List<Element> kept = new ArrayList<>(members);
            if (ignored(kept)) {
                boolean explicitlyKept = kept.stream().anyMatch(m -> !ignored(m) && explicit(m));
                if (!explicitlyKept) {
                    return Optional.empty();
                }
                kept.removeIf(JacksonProperties::ignored);
            }
            if (writeOnly(kept)) {
                return Optional.empty();
            }
            boolean getterVisible = getter != null && kept.contains(getter) && visible(getter);
            boolean fieldVisible = field != null && kept.contains(field) && visible(field);
            if (!getterVisible && !fieldVisible) {
                return Optional.empty();
            }
            TypeMirror type = getterVisible ? getterType : fieldType;
            Element position = field != null ? field : getter;
            return Optional.of(new Property(
                    implicitName,
                    explicitName(members).orElse(implicitName),
                    type,
                    position,
                    List.copyOf(members),
                    getter,
                    field));
        }

        private static boolean visible(Element member) {
            return member.getModifiers().contains(Modifier.PUBLIC) || explicit(member);
        }
    }
}
