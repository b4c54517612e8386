package dev.cookbook.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;

/**
 * Log lines without logback's pattern language, whose parser costs a short command a measurable
 * part of its run time. On stderr: {@code cookbook: warn: FileTree: message}. In a log file
 * ({@code detailed}): time, level, thread and logger in full.
 */
public final class LogLayout extends LayoutBase<ILoggingEvent> {
    private final boolean detailed;

    LogLayout(boolean detailed) {
        this.detailed = detailed;
    }

    @Override
    public String doLayout(ILoggingEvent e) {
        StringBuilder sb = new StringBuilder(128);
        String logger = e.getLoggerName();
        if (detailed) {
            sb.append(Instant.ofEpochMilli(e.getTimeStamp()))
                    .append(' ')
                    .append(e.getLevel())
                    .append(" [")
                    .append(e.getThreadName())
                    .append("] ")
                    .append(logger)
                    .append(" - ");
        } else {
            sb.append("cookbook: ")
                    .append(e.getLevel().toString().toLowerCase(java.util.Locale.ROOT))
                    .append(": ")
                    .append(logger.substring(logger.lastIndexOf('.') + 1))
                    .append(": ");
        }
        sb.append(e.getFormattedMessage()).append('\n');
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            sb.append(t == e.getThrowableProxy() ? "" : "Caused by: ")
                    .append(t.getClassName())
                    .append(": ")
                    .append(t.getMessage())
                    .append('\n');
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                sb.append("\tat ").append(frame.getStackTraceElement()).append('\n');
            }
        }
        return sb.toString();
    }
}
