package dev.irshell.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/** The shell tests read the screen right after the shell closes: nothing may still be on its way. */
class ScriptedTerminalTest {
    @Test
    void whatIsWrittenIsOnTheScreen_whenTheWriteReturns_andAfterClose() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        TerminalBuilder b = TerminalBuilder.builder();
        ScriptedTerminal.dumb(new ByteArrayInputStream(new byte[0]), screen).accept(b);
        StringBuilder expected = new StringBuilder();
        try (Terminal t = b.build()) {
            for (int i = 0; i < 2000; i++) {
                String line = "line " + i + " of the answer";
                t.writer().println(line);
                expected.append(line).append('\n');
            }
            t.writer().flush();
            assertThat(screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n")).isEqualTo(expected.toString());
        }
        assertThat(screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n")).isEqualTo(expected.toString());
    }
}
