package dev.irshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.engine.AnswersConfirmer;
import dev.irshell.engine.Inputs;
import dev.irshell.engine.Session;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.sandbox.Scenario;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;

/** Tab completion offers runbook ids, step ids, input names, and values found so far in the session. */
class CompletionTest {
    @TempDir
    Path dir;

    static List<String> values(List<CompletionProposal> proposals) {
        return proposals.stream().map(CompletionProposal::value).toList();
    }

    @Test
    void completes_runbooks_steps_inputNames_andFoundValues() throws Exception {
        LaunchOptions o = new LaunchOptions(null, "us-east-1", false, false, dir, null, null, false, false, "", null, false,
                List.of());
        try (Workspace ws = Workspace.sandbox(o, Clock.systemUTC(), Scenario.builtin("leaked-key-cryptomining"),
                SandboxOptions.defaults())) {
            ShellState state = new ShellState(ws);
            CompletionContext none = new CompletionContext(List.of("start", ""), 1, 0, null, null);
            assertThat(values(new Completion.RunbookIds(state).complete(none)))
                    .containsExactly("unauthorized-activity", "unusual-resource-activity");
            assertThat(values(new Completion.StepIds(state).complete(none))).isEmpty();

            var rb = ws.runbooks().find("unusual-resource-activity").orElseThrow();
            Session s = ws.sessions().start(rb, Inputs.resolve(rb, Map.of("instanceId", "i-02aabfe228f219e9c")),
                    ws.sessionOptions(), ws.identity(), new AnswersConfirmer(Set.of(), Map.of()), ws.relay(), (w, d, t) -> { });
            state.begin(s);
            s.run(); // findInstance
            s.run(); // locateLaunchEvent: finds the leaked key in the RunInstances event

            assertThat(values(new Completion.StepIds(state).complete(none))).startsWith("findInstance", "locateLaunchEvent");
            CompletionContext input = new CompletionContext(List.of("start", "unusual-resource-activity", "--input", ""), 3, 0,
                    null, null);
            assertThat(values(new Completion.InputValues(state).complete(input)))
                    .contains("instanceId=", "accessKeyId=", "instanceId=i-02aabfe228f219e9c", "accessKeyId=AKIAQDEVJENKINS4LEAK");
            state.endSession();
        }
    }
}
