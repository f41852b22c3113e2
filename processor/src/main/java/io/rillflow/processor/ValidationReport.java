package io.rillflow.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * What a validator found wrong about one element. Validators never print: they return a report, which the processor
 * prints once. An element is generated only if its report {@link #isClean() is clean}.
 */
public final class ValidationReport {
    /**
     * One diagnostic, pinned as narrowly as known: element, then annotation, then annotation value; with no element
     * only when it concerns the whole compilation.
     */
    public record Item(Message message, String text, Element element, AnnotationMirror mirror, AnnotationValue value) {}

    private final List<Item> items;

    private ValidationReport(List<Item> items) {
        this.items = List.copyOf(items);
    }

    /** A report with no items. */
    public static ValidationReport clean() {
        return new ValidationReport(List.of());
    }

    /** A report of one item: {@code message} on {@code element}. */
    public static ValidationReport of(Message message, Element element, Object... args) {
        return builder().add(message, element, args).build();
    }

    /**
     * A throwable the processor did not expect while handling {@code element} (null: the whole compilation), with its
     * stack trace, so that one element's failure is reported where it happened and never stops javac.
     */
    public static ValidationReport unexpected(Element element, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        Object where = element == null ? "this compilation" : element;
        return of(Message.UNEXPECTED_EXCEPTION, element, where, trace);
    }

    /** A builder collecting the items of one element's report. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether nothing is wrong. */
    public boolean isClean() {
        return items.isEmpty();
    }

    /** The items, in the order they were found. */
    public List<Item> items() {
        return items;
    }

    /** Prints every item through {@code messager}. */
    public void printTo(Messager messager) {
        for (Item item : items) {
            if (item.value() != null) {
                messager.printMessage(item.message().kind(), item.text(), item.element(), item.mirror(), item.value());
            } else if (item.mirror() != null) {
                messager.printMessage(item.message().kind(), item.text(), item.element(), item.mirror());
            } else if (item.element() != null) {
                messager.printMessage(item.message().kind(), item.text(), item.element());
            } else {
                messager.printMessage(item.message().kind(), item.text());
            }
        }
    }

    /** Collects items; {@link #build()} freezes them. */
    public static final class Builder {
        private final List<Item> items = new ArrayList<>();

        private Builder() {}

        /** Reports {@code message} on {@code element}. */
        public Builder add(Message message, Element element, Object... args) {
            return add(message, element, null, null, args);
        }

        /** Reports {@code message} on an annotation of {@code element}, and on one of its values if not null. */
        public Builder add(
                Message message, Element element, AnnotationMirror mirror, AnnotationValue value, Object... args) {
            items.add(new Item(message, message.format(args), element, mirror, value));
            return this;
        }

        /** Adds every item of {@code other}. */
        public Builder addAll(ValidationReport other) {
            items.addAll(other.items);
            return this;
        }

        /** Whether an item was added. */
        public boolean hasErrors() {
            return !items.isEmpty();
        }

        public ValidationReport build() {
            return new ValidationReport(items);
        }
    }
}
