package io.rillflow.processor.queries;

import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * One valid query method: its signature, its statement template and how to bind parameters and read results.
 *
 * @param name the method name
 * @param signature the method as messages name it, {@code CustomerQueries.findByEmail(String email)}
 * @param parameters the method's parameters, in order
 * @param varargs whether the last parameter is variable-arity
 * @param returnType the declared return type
 * @param result how the statement's rows become the return value
 * @param projection the projection record read from each row, or null for whole documents
 * @param sql the statement template
 * @param totalSql for a {@link Result#PAGE}, the template counting every match (for a page past the end), else null
 * @param page the name of the {@code PageRequest} parameter, or null
 * @param bindings how parameters fill the statement's {@code ?}, in order
 */
record QueryMethodDescriptor(
        String name,
        String signature,
        List<Parameter> parameters,
        boolean varargs,
        TypeName returnType,
        Result result,
        TypeName projection,
        String sql,
        String totalSql,
        String page,
        List<Binding> bindings) {
    QueryMethodDescriptor {
        parameters = List.copyOf(parameters);
        bindings = List.copyOf(bindings);
    }

    /** A method parameter. */
    record Parameter(TypeName type, String name) {}

    /** How the statement's result becomes the return value, one {@code CompiledStatement} call each. */
    enum Result {
        LIST,
        OPTIONAL,
        SINGLE,
        STREAM,
        PAGE,
        COUNT_LONG,
        COUNT_INT,
        EXISTS,
        UPDATE_LONG,
        UPDATE_INT,
        UPDATE_VOID
    }
}
