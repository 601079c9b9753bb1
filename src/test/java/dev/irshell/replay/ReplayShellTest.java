package dev.irshell.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.shell.LaunchOptions;
import dev.irshell.shell.Workspace;
import dev.irshell.testsupport.ScriptedTerminal;
import dev.irshell.transcript.TranscriptEntry;
import dev.irshell.transcript.TranscriptReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell started with --replay: the operator's commands, the recording's answers, no AWS. */
class ReplayShellTest {
    @TempDir
    Path dir;

    String type(Workspace ws, String... lines) {
        return ScriptedTerminal.type(ws, java.util.List.of(lines));
    }

    @Test
    void shell_replaysTheOperatorsChoicesAgainstTheRecording_andComparesAtEnd() throws Exception {
        Path original = Recordings.shared();
        LaunchOptions o = new LaunchOptions(null, null, false, false, dir.resolve("evidence"), null, null, false, false,
                null, null, false, List.of(), original.getParent());
        String screen;
        try (Workspace ws = Workspace.create(o, Clock.systemUTC(), java.util.Map.of())) {
            screen = type(ws,
                    "whoami",
                    "start unusual-resource-activity",   // the instance id comes from the recording
                    "run",                              // findInstance
                    "run",                              // locateLaunchEvent
                    "run",                              // findKeyOwner
                    "run", "dev-jenkins",               // disableConsole, as recorded
                    "run",                              // listUserKeys
                    "skip --reason \"no backup key needed\"", // createBackupKey: the recording made one
                    "end",
                    // the shell flushes a command's output when it reads the next line: this one only makes sure
                    // the comparison above has reached the screen before `exit` closes the terminal
                    "runbooks");
        }
        assertThat(screen).contains(
                " REPLAY  Unusual resource activity",
                "AWS answers come from " + original.getParent(),
                "account 111122223333", "mode REPLAY of SANDBOX leaked-key-cryptomining",
                "[done] findInstance: " + Recordings.INSTANCE + " is running in sa-east-1",
                "[done] findKeyOwner: " + Recordings.LEAKED_KEY + " belongs to dev-jenkins",
                "DESTROY — Turn off the user's console password",
                "[done] disableConsole: dev-jenkins has no console password",
                "session ended:",
                "Recording against this run");
        assertThat(screen).containsPattern("createBackupKey: ran in the recording, not here — recording done, approved: created"
                + " access key AKIA[A-Z0-9]{16} for dev-jenkins; this run skipped: skipped by the operator: no backup key needed");
        assertThat(screen).containsPattern("deactivateKey\\s+done, approved: .*\\s+not reached\\s+ran in the recording, not here");
        assertThat(screen).containsPattern("findKeyOwner\\s+done: .*\\s+same");

        Path transcript = Recordings.transcript(dir.resolve("evidence"));
        List<TranscriptEntry> entries = TranscriptReader.read(transcript);
        assertThat(entries.get(0).data().at("/mode/replay/sessionId").asText())
                .isEqualTo(Recording.load(original).sessionId());
        assertThat(entries).noneMatch(e -> e.type().equals("aws.call"));
    }
}
