package io.rillflow.processor.registry;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import javax.lang.model.element.TypeElement;

/**
 * One element of one list a generated registry returns, for example a document definition in {@code documents()}.
 *
 * @param method the {@code io.rillflow.spi.RillflowRegistry} method that returns the list
 * @param elementType the list's element type, as the interface declares it
 * @param value the expression of the entry
 * @param sortKey what orders the entries and identifies one in its list, so that a fresh entry replaces the one an
 *     earlier compilation recorded: the qualified name of the user type, or an event's name and version
 * @param origin the user type the entry was generated for
 */
public record RegistryEntry(String method, TypeName elementType, CodeBlock value, String sortKey, TypeElement origin) {}
