package dev.irshell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.sandbox.Scenario;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.shell.LaunchOptions;
import dev.irshell.testsupport.ScriptedTerminal;
import dev.irshell.shell.Version;
import dev.irshell.shell.Workspace;
import dev.irshell.testsupport.ScriptedKeyboard;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How the interactive shell starts on a built-in sandbox: on a real terminal the prompt comes first
 * and the simulated account is built behind it; on a dumb terminal (a pipe) the banner waits for it,
 * so that what is read in order stays in order.
 */
@Timeout(120) // a deadlock between the shell's warm-up and a command fails here rather than hanging the build
class ShellStartTest {
    @TempDir
    Path dir;

    /** The screen, and what was on it when the workspace began to be made. */
    record Run(String screen, String whenStarted) {}

    Run type(String terminalType, String... lines) {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ScriptedKeyboard keys = new ScriptedKeyboard(List.of(lines), screen);
        LaunchOptions o = new LaunchOptions(null, null, false, false, dir.resolve("evidence"), null, null, false, false,
                Scenario.defaultName(), null, false, List.of());
        AtomicReference<String> whenStarted = new AtomicReference<>();
        AtomicReference<Workspace> made = new AtomicReference<>();
        IrshellApplication.WorkspaceMaker maker = new IrshellApplication.WorkspaceMaker(() -> {
            synchronized (screen) {
                whenStarted.set(screen.toString(StandardCharsets.UTF_8));
            }
            made.set(Workspace.sandbox(o, Clock.systemUTC(), Scenario.builtin(Scenario.defaultName()), SandboxOptions.defaults()));
            return made.get();
        }, Scenario.defaultName());
        try (ConfigurableApplicationContext ctx = IrshellApplication.run(o, maker,
                ScriptedTerminal.of(keys, screen, terminalType).andThen(b -> b.size(new org.jline.terminal.Size(200, 40))))) {
            assertThat(ctx.isActive()).isTrue();
        } finally {
            if (made.get() != null) {
                made.get().close();
            }
        }
        return new Run(screen.toString(StandardCharsets.UTF_8), whenStarted.get());
    }

    @Test
    void onATerminal_thePromptComesFirst_andTheAccountIsAnnouncedWhenUp() {
        Run r = type("xterm", "whoami", "version");

        // the banner did not wait for the account: it says the account is starting, and the account
        // is announced (above the prompt) once it is up
        assertThat(r.screen())
                .contains("irshell[SANDBOX leaked-key-cryptomining us-east-1]> ")
                .contains("A simulated account (111122223333) on http://127.0.0.1:")
                .contains("Leaked developer key used for crypto-mining")
                .contains("account 111122223333 (example-shop)", "identity arn:aws:iam::111122223333:user/responder")
                .contains("irshell " + Version.get());
        assertThat(r.screen().indexOf("starting the simulated account"))
                .isLessThan(r.screen().indexOf("A simulated account (111122223333)"));
    }

    @Test
    void onADumbTerminal_theBannerWaitsForTheAccount() {
        Run r = type("dumb", "whoami");

        assertThat(r.whenStarted()).doesNotContain("SANDBOX");
        String screen = r.screen();
        assertThat(screen).doesNotContain("starting the simulated account")
                .contains("A simulated account (111122223333) on http://127.0.0.1:")
                .contains("account 111122223333 (example-shop)");
        assertThat(screen.indexOf("A simulated account (")).isLessThan(screen.indexOf("]> "));
    }
}
