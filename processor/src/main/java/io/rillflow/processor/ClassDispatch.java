package io.rillflow.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;

/**
 * The one dispatch style of generated code, for aggregates, projections and process managers alike: the event of an
 * {@code EventEnvelope} named {@code event} is decoded once into {@code decoded}, then one test of its exact class per
 * handled event class calls the method for it. Exact, because events are decoded into their registered class, so a
 * subclass or interface test could only ever match that same class, or mislead.
 */
public final class ClassDispatch {
    private final CodeBlock.Builder code = CodeBlock.builder();

    private ClassDispatch() {}

    /** Starts a dispatch: decodes the event. */
    public static ClassDispatch decode() {
        ClassDispatch dispatch = new ClassDispatch();
        dispatch.code
                .addStatement("$T decoded = event.event()", Object.class)
                .addStatement("$T<?> type = decoded.getClass()", Class.class);
        return dispatch;
    }

    /** The decoded event, cast to {@code event}: for the body of that class's branch. */
    public static CodeBlock cast(TypeName event) {
        return CodeBlock.of("($T) decoded", event);
    }

    /** Runs {@code body} (statements, ending in a return) for events of exactly the class {@code event}. */
    public ClassDispatch when(TypeName event, CodeBlock body) {
        code.beginControlFlow("if (type == $T.class)", event).add(body).endControlFlow();
        return this;
    }

    /** The dispatch, followed by {@code otherwise} for the classes no branch takes. */
    public CodeBlock otherwise(CodeBlock otherwise) {
        return code.add(otherwise).build();
    }
}
