package dev.irshell.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.Main;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.sandbox.Scenario;
import dev.irshell.shell.ArgParser;
import dev.irshell.shell.LaunchOptions;
import dev.irshell.shell.Workspace;
import dev.irshell.testsupport.ScriptedTerminal;
import dev.irshell.transcript.BundleVerifier;
import dev.irshell.transcript.TranscriptEntry;
import dev.irshell.transcript.TranscriptReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence commands typed into the real shell on the sandbox: `verify --against-cloudtrail`
 * finds each change's CloudTrail event, and `irshell resume FILE` opens the shell on a cut-off
 * session where it stopped.
 */
class ShellEvidenceTest {
    @TempDir
    Path dir;

    String type(Path resume, String... lines) throws Exception {
        LaunchOptions o = ArgParser.parse(new String[] {"--sandbox", "--no-color", "--evidence-dir", dir.resolve("ev").toString()},
                Map.of(), Scenario.builtinNames());
        Workspace ws = Workspace.sandbox(o, Clock.systemUTC(), Scenario.builtin(Scenario.defaultName()), SandboxOptions.defaults())
                .home(dir.resolve("home"));
        ws.resumeOnStart(resume);
        try (ws) {
            return ScriptedTerminal.type(ws, List.of(lines));
        }
    }

    Path transcript() throws Exception {
        try (Stream<Path> s = Files.walk(dir.resolve("ev"))) {
            return s.filter(p -> p.getFileName().toString().equals("transcript.jsonl")).findFirst().orElseThrow();
        }
    }

    @Test
    void verifyAgainstCloudTrail_findsEachChangeByItsRequestId() throws Exception {
        String screen = type(null,
                "verify --against-cloudtrail",
                "start unusual-resource-activity --input instanceId=i-02aabfe228f219e9c",
                "verify --against-cloudtrail",
                "run", "run", "run",                 // find the instance, its launch event, the key's owner
                "goto deactivateKey", "run", "y",
                "verify --against-cloudtrail",
                "end");
        assertThat(screen).contains("no runbook is running",
                "this session has made no change in AWS yet",
                "Changes and the CloudTrail events that recorded them", "iam:UpdateAccessKey",
                "1 of 1 change(s) found in CloudTrail", "every change this session made is in CloudTrail");
        List<TranscriptEntry> entries = TranscriptReader.read(transcript());
        TranscriptEntry check = entries.stream().filter(e -> e.type().equals("check")).reduce((a, b) -> b).orElseThrow();
        String requestId = entries.stream().filter(e -> e.type().equals("aws.call")
                && e.data().path("operation").asText().equals("UpdateAccessKey")).findFirst().orElseThrow()
                .data().get("requestId").asText();
        assertThat(check.data().at("/data/changes/0/requestId").asText()).isEqualTo(requestId);
        assertThat(check.data().at("/data/changes/0/matchedBy").asText()).isEqualTo("request id");
        assertThat(check.data().at("/data/changes/0/eventId").asText()).isNotBlank();
    }

    @Test
    void resumeFile_opensTheShellOnTheCutOffSessionWhereItStopped() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Main.run(new String[] {"--sandbox", "run", "unusual-resource-activity", "--input", "instanceId=i-02aabfe228f219e9c",
                "--evidence-dir", dir.resolve("ev").toString()}, Map.of("NO_COLOR", "1", "IRSHELL_HOME",
                dir.resolve("home").toString()), quiet, quiet);
        Path t = transcript();
        // cut off as a crash would: no session.end, no seal, no manifest
        List<String> lines = Files.readAllLines(t);
        Files.write(t, lines.subList(0, lines.size() - 2));
        Files.delete(t.getParent().resolve("manifest.json"));

        String screen = type(t.getParent(), "status", "goto deactivateKey", "run", "y", "end");
        assertThat(screen).contains("Resumed unusual-resource-activity", "the interruption is recorded in the same chain",
                "steps already settled", "CHANGE — Deactivate the compromised access key", "session ended:",
                "signed with your key SHA256:");
        BundleVerifier.Report report = BundleVerifier.verify(t);
        assertThat(report.ok()).as(report.describe()).isTrue();
        assertThat(TranscriptReader.read(t)).filteredOn(e -> e.type().equals("session.resume")).hasSize(1);
    }
}
