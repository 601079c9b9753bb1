package dev.irshell;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.time.Instant;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.file.Path;

/**
 * Where logs go: a file ({@code IRSHELL_LOG}, else {@code ~/.irshell/irshell.log}), never the
 * operator's terminal. Secrets never reach logs: the AWS layer masks them before anything is
 * recorded, and the SDK's wire logging stays off.
 *
 * <p>Configured in code (found by logback through {@code META-INF/services}) rather than from
 * logback.xml: parsing XML with Joran loaded some 600 classes before the first prompt. Lines are
 * written by {@link LineLayout} rather than a pattern: compiling a pattern took logback some 50 ms
 * at every start, before the first prompt.
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(ctx);
        file.setName("FILE");
        file.setFile(logFile().toString());
        LineLayout layout = new LineLayout();
        layout.setContext(ctx);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(ctx);
        encoder.setLayout(layout);
        encoder.start();
        file.setEncoder(encoder);
        file.start();
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(file);
        ctx.getLogger("software.amazon.awssdk.request").setLevel(Level.WARN);
        ctx.getLogger("software.amazon.awssdk.wire").setLevel(Level.OFF);
        ctx.getLogger("org.apache.http.wire").setLevel(Level.OFF);
        ctx.getLogger("dev.irshell").setLevel(Level.INFO);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code IRSHELL_LOG} (environment or system property), else ~/.irshell/irshell.log. */
    static Path logFile() {
        String p = System.getProperty("IRSHELL_LOG", System.getenv("IRSHELL_LOG"));
        return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), ".irshell", "irshell.log");
    }

    /**
     * One line per event: {@code 2026-11-22T00:39:32.123Z WARN  [main] dev.irshell.X - message}, then
     * the stack trace of an attached exception. Times are UTC, as in the transcript.
     */
    static final class LineLayout extends LayoutBase<ILoggingEvent> {
        @Override
        public String doLayout(ILoggingEvent e) {
            StringBuilder b = new StringBuilder(128);
            b.append(Instant.ofEpochMilli(e.getTimeStamp())).append(' ');
            String level = e.getLevel().toString();
            b.append(level).append(" ".repeat(Math.max(1, 6 - level.length())));
            b.append('[').append(e.getThreadName()).append("] ").append(e.getLoggerName()).append(" - ")
                    .append(e.getFormattedMessage()).append('\n');
            IThrowableProxy t = e.getThrowableProxy();
            if (t != null) {
                b.append(ThrowableProxyUtil.asString(t)).append('\n');
            }
            return b.toString();
        }
    }
}
