package io.rillflow.metrics.internal;

import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each statement slower than a threshold at WARN, with its time and SQL text, on the logger
 * {@value #LOGGER}, so an operator can route or silence these lines alone. The text is the prepared statement's,
 * with {@code ?} placeholders: bound values are not logged, as they may be personal data. Only when asked to explain
 * does a slow {@code SELECT}'s line carry its plan, which PostgreSQL prints with the bound values in its conditions.
 */
final class SlowQueryLog {
    static final String LOGGER = "io.rillflow.slow-queries";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final long thresholdNanos;
    private final boolean explain;

    SlowQueryLog(Duration threshold, boolean explain) {
        this.thresholdNanos = threshold.toNanos();
        this.explain = explain;
    }

    /**
     * Whether {@code nanos} is over the threshold; logs {@code sql} if it is, with the plan {@code plan} gives when
     * this log explains and the statement is a {@code SELECT} (null {@code plan}: the statement cannot be explained).
     */
    boolean check(String sql, long nanos, StoreMetrics.PlanSource plan) {
        if (nanos < thresholdNanos) {
            return false;
        }
        if (explain && plan != null && StatementKind.of(sql) == StatementKind.SELECT) {
            LOG.warn(
                    "Slow statement ({} ms, over {} ms): {}\nEXPLAIN:\n{}",
                    millis(nanos),
                    millis(thresholdNanos),
                    sql,
                    plan.plan());
        } else {
            LOG.warn("Slow statement ({} ms, over {} ms): {}", millis(nanos), millis(thresholdNanos), sql);
        }
        return true;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
