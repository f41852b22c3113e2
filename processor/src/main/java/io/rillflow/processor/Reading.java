package io.rillflow.processor;

/**
 * What reading one annotated element gave: a report and, when the report is clean, the descriptor to generate from; or
 * a deferral, when a type the element uses is not resolved yet (a later round, or another processor, may still
 * generate it).
 *
 * @param report what is wrong; empty for a valid or deferred element
 * @param descriptor the model to generate from, or null when the report has errors or the element is deferred
 * @param unresolved what is not resolved yet ({@code Customer.address}), or null when nothing is deferred
 * @param <D> the descriptor type
 */
public record Reading<D>(ValidationReport report, D descriptor, String unresolved) {
    /** The element is read: {@code descriptor} is kept only if {@code report} is clean. */
    public static <D> Reading<D> of(ValidationReport report, D descriptor) {
        return new Reading<>(report, report.isClean() ? descriptor : null, null);
    }

    /** The element has errors and nothing is generated for it. */
    public static <D> Reading<D> failed(ValidationReport report) {
        return new Reading<>(report, null, null);
    }

    /** The element waits for a later round, because {@code unresolved} is not resolved yet. */
    public static <D> Reading<D> waitingFor(String unresolved) {
        return new Reading<>(ValidationReport.clean(), null, unresolved);
    }

    /** Whether the element must be read again in a later round. */
    public boolean deferred() {
        return unresolved != null;
    }
}
