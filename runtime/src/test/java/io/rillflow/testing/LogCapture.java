package io.rillflow.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Captures the log lines of Rillflow's loggers with the MDC each had when it was logged (read on the logging thread:
 * the thread's MDC changes afterwards). Close it to detach.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    /** One captured line: its formatted message and its MDC. */
    public record Line(String message, Map<String, String> mdc) {}

    private final Logger logger = (Logger) LoggerFactory.getLogger("io.rillflow");
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    /** Starts capturing, until closed. */
    public static LogCapture attach() {
        LogCapture capture = new LogCapture();
        capture.start();
        capture.logger.addAppender(capture);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(new Line(event.getFormattedMessage(), Map.copyOf(event.getMDCPropertyMap())));
    }

    /** The captured lines whose message contains {@code text}. */
    public List<Line> containing(String text) {
        return lines.stream().filter(l -> l.message().contains(text)).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
