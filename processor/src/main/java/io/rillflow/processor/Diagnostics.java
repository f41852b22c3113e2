package io.rillflow.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/** The error reports every {@link Feature} makes the same way. */
public final class Diagnostics {
    private Diagnostics() {}

    /** An error pinned to {@code element}. */
    public static void error(ProcessingEnvironment env, Element element, String text) {
        env.getMessager().printMessage(Diagnostic.Kind.ERROR, text, element);
    }

    /** An exception the processor did not expect while handling {@code element}, with its stack trace. */
    public static void unexpected(ProcessingEnvironment env, Element element, Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        error(env, element, Message.UNEXPECTED_EXCEPTION.format(element, trace));
    }

    /**
     * Reports the types still waiting for an unresolved type when processing is over, each with {@code message}
     * formatted with the type's name and what was unresolved, on the type where it can still be found; then forgets
     * them.
     */
    public static void reportUnresolved(ProcessingEnvironment env, Map<String, String> deferred, Message message) {
        for (Map.Entry<String, String> entry : deferred.entrySet()) {
            String text = message.format(entry.getKey(), entry.getValue());
            TypeElement type = env.getElementUtils().getTypeElement(entry.getKey());
            if (type != null) {
                error(env, type, text);
            } else {
                env.getMessager().printMessage(Diagnostic.Kind.ERROR, text);
            }
        }
        deferred.clear();
    }
}
