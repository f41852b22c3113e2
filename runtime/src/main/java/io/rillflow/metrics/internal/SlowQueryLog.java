package io.rillflow.metrics.internal;

import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each statement slower than a threshold at WARN, with its time and SQL text, on the logger
 * {@value #LOGGER}, so an operator can route or silence these lines alone. The text is the prepared statement's,
 * with {@code ?} placeholders: bound values are never logged, as they may be personal data.
 */
final class SlowQueryLog {
    static final String LOGGER = "io.rillflow.slow-queries";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final long thresholdNanos;

    SlowQueryLog(Duration threshold) {
        this.thresholdNanos = threshold.toNanos();
    }

    /** Whether {@code nanos} is over the threshold; logs {@code sql} if it is. */
    boolean check(String sql, long nanos) {
        if (nanos < thresholdNanos) {
            return false;
        }
        LOG.warn("Slow statement ({} ms, over {} ms): {}", millis(nanos), millis(thresholdNanos), sql);
        return true;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
