package dev.irshell;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.file.Path;

/**
 * Where logs go: a file ({@code IRSHELL_LOG}, else {@code ~/.irshell/irshell.log}), never the
 * operator's terminal. Secrets never reach logs: the AWS layer masks them before anything is
 * recorded, and the SDK's wire logging stays off.
 *
 * <p>Configured in code (found by logback through {@code META-INF/services}) rather than from
 * logback.xml: parsing XML with Joran loaded some 600 classes before the first prompt.
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{36} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(ctx);
        file.setName("FILE");
        file.setFile(logFile().toString());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern(PATTERN);
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
}
