package io.rillflow.processor.document;

import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One property of a type as Jackson writes it: the members Jackson links under one implicit name, the name the JSON
 * carries and the type written.
 *
 * @param implicitName the Java-side name (record component, field, or getter without get/is)
 * @param jsonName the name in the stored JSON, after {@code @JsonProperty}
 * @param type the written type (the getter's return type when there is one)
 * @param position where diagnostics about the property point: its field, else its getter
 * @param sources the members whose Rillflow annotations ({@code @Id}, {@code @Index}, {@code @FullText}) count
 * @param getter the getter or record accessor, or null
 * @param field the field, or null
 */
record Property(
        String implicitName,
        String jsonName,
        TypeMirror type,
        Element position,
        List<Element> sources,
        ExecutableElement getter,
        VariableElement field) {}
