package dev.irshell.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.IrshellApplication;
import dev.irshell.shell.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.jline.terminal.TerminalBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The terminal of a shell test: what the keyboard types goes in, and everything the shell
 * writes lands in {@code screen} before the write returns.
 *
 * <p>JLine's own choice for a terminal over streams is, with its JNI provider on the class path,
 * a pseudo-terminal whose output a pump thread copies to the stream later. Closing the shell
 * closes the pseudo-terminal under that pump, and what it had not copied yet was lost: the last
 * answers of a session (the digest {@code end} prints) went missing in about one run in five
 * after other tests had warmed the JVM up. The exec provider's terminal writes through on the
 * calling thread instead.
 */
public final class ScriptedTerminal {
    private ScriptedTerminal() {}

    /**
     * The shell over {@code workspace} (with its options) on a dumb terminal, the {@code lines}
     * typed ahead and {@code exit} once the screen is still ({@link ScriptedKeyboard}); returns
     * the whole screen. The workspace stays open.
     */
    public static String type(Workspace workspace, List<String> lines) {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (ConfigurableApplicationContext ctx = IrshellApplication.run(workspace.options(), workspace,
                dumb(new ScriptedKeyboard(lines, screen), screen))) {
            assertThat(ctx.isActive()).isTrue();
        }
        return screen.toString(StandardCharsets.UTF_8);
    }

    /** A dumb terminal: no colour, no cursor movement, as a pipe or a CI log gets. */
    public static Consumer<TerminalBuilder> dumb(InputStream keyboard, OutputStream screen) {
        return of(keyboard, screen, "dumb");
    }

    /** A terminal of the given type (e.g. {@code xterm-256color}) over the streams. */
    public static Consumer<TerminalBuilder> of(InputStream keyboard, OutputStream screen, String type) {
        return b -> b.system(false).provider("exec").streams(keyboard, screen).type(type);
    }
}
