package dev.irshell;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logs go to the file IRSHELL_LOG names, at the levels that keep the SDK's wire traffic out. */
class LogConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void warningsGoToTheLogFile_wireLoggingIsOff_andIrshellLogsInfo() throws Exception {
        Path file = dir.resolve("irshell.log");
        String before = System.getProperty("IRSHELL_LOG");
        System.setProperty("IRSHELL_LOG", file.toString());
        LoggerContext ctx = new LoggerContext();
        // what logback's SLF4J provider gives the context it makes
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        try {
            LogConfiguration c = new LogConfiguration();
            c.setContext(ctx);
            c.configure(ctx);
            ctx.getLogger("software.amazon.awssdk.wire").warn("wire bytes");
            ctx.getLogger("org.springframework.shell").info("chatter");
            ctx.getLogger("org.springframework.shell").warn("a warning");
            ctx.getLogger("dev.irshell.engine.Session").info("session started");
            ctx.getLogger("dev.irshell.engine.Session").warn("step failed", new IllegalStateException("the cause"));
            assertThat(ctx.getLogger("software.amazon.awssdk.wire").getLevel()).isEqualTo(Level.OFF);
        } finally {
            ctx.stop();
            if (before == null) {
                System.clearProperty("IRSHELL_LOG");
            } else {
                System.setProperty("IRSHELL_LOG", before);
            }
        }
        String log = Files.readString(file);
        assertThat(log).contains("WARN  [", "org.springframework.shell - a warning", "INFO  [", "session started")
                .doesNotContain("wire bytes", "chatter");
        // one line per event, UTC time first; an exception's stack trace follows its line
        assertThat(log.lines().filter(l -> l.contains("session started")).findFirst().orElseThrow())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z INFO  \\[.+] dev\\.irshell\\.engine\\.Session - session started");
        assertThat(log).contains("dev.irshell.engine.Session - step failed\njava.lang.IllegalStateException: the cause\n\tat ");
    }
}
