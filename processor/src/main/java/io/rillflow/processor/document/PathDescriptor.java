package io.rillflow.processor.document;

import com.palantir.javapoet.TypeName;

/**
 * One typed path field of a metamodel or of one of its nested path classes.
 *
 * @param javaName the field's Java name (the property's Java-side name, made a valid identifier)
 * @param jsonName the property's name in the stored JSON
 * @param kind which runtime path class
 * @param argument the type argument of number, date/time, enum and collection paths, else null
 * @param nestedClass the simple name of the nested path class for {@link PathKind#NESTED}, else null
 * @param language the text search configuration for {@link PathKind#FULL_TEXT}, else null
 */
public record PathDescriptor(
        String javaName, String jsonName, PathKind kind, TypeName argument, String nestedClass, String language) {}
