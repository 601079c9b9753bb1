package dev.irshell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.transcript.BundleVerifier;
import dev.irshell.transcript.TranscriptEntry;
import dev.irshell.transcript.TranscriptReader;
import dev.irshell.transcript.TranscriptVerifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import dev.irshell.transcript.VerifyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a run: every line written before the kill still verifies, and the
 * verifier says the session was cut off rather than calling it tampered.
 */
class KillMidRunTest {
    @TempDir
    Path dir;

    Optional<Path> transcript() throws Exception {
        if (!Files.isDirectory(dir.resolve("ev"))) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.walk(dir.resolve("ev"))) {
            return s.filter(p -> p.getFileName().toString().equals("transcript.jsonl")).findFirst();
        }
    }

    /** Starts procedure 000 in a separate JVM and kills it with SIGKILL once {@code atLeast} lines are written. */
    Path runAndKill(int atLeast) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.irshell.Main", "--sandbox", "run", "unauthorized-activity",
                "--input", "since=-30d", "--evidence-dir", dir.resolve("ev").toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        pb.environment().put("IRSHELL_LOG", dir.resolve("irshell.log").toString());
        pb.environment().put("IRSHELL_HOME", dir.resolve("home").toString());
        Process p = pb.start();
        // wait until the run is well under way (a region sweep in progress), then kill it without warning
        long lines = 0;
        for (int i = 0; i < 600 && p.isAlive() && lines < atLeast; i++) {
            Thread.sleep(100);
            Optional<Path> t = transcript();
            lines = t.isPresent() ? Files.readAllLines(t.get()).size() : 0;
        }
        assertThat(p.isAlive()).as("the run ended before it could be killed; output: " + Files.readString(dir.resolve("out.txt")))
                .isTrue();
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return transcript().orElseThrow();
    }

    @Test
    void killedMidStep_leavesAnIntactUnsealedChain() throws Exception {
        runAndKill(40);
        VerifyResult r = TranscriptVerifier.verify(transcript().orElseThrow());
        assertThat(r.status()).as(r.describe()).isEqualTo(VerifyResult.Status.UNSEALED);
        assertThat(r.entries()).isGreaterThanOrEqualTo(40);
        assertThat(r.describe()).contains("never sealed");
    }

    @Test
    void killedMidStep_thenResumed_goesOnInTheSameChainToASignedSeal() throws Exception {
        Path t = runAndKill(60);
        byte[] before = Files.readAllBytes(t);
        VerifyResult cut = TranscriptVerifier.verify(t);
        // the prefix that verified is kept byte for byte (an incomplete last line is the only thing removed)
        int intact = before.length;
        while (intact > 0 && before[intact - 1] != '\n') {
            intact--;
        }
        Path answers = dir.resolve("answers.yaml");
        Files.writeString(answers, Procedure000SandboxTest.COMPROMISED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--sandbox", "resume", t.getParent().toString(), "--run", "--approve-all",
                        "--answers", answers.toString()},
                Map.of("NO_COLOR", "1", "IRSHELL_HOME", dir.resolve("home").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String shown = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(shown).isZero();
        assertThat(shown).contains("Resumed unauthorized-activity", "the interruption is recorded in the same chain",
                "sandbox: the simulated account restarted from its scenario", "transcript sealed: ");

        byte[] after = Files.readAllBytes(t);
        assertThat(Arrays.copyOf(after, intact)).isEqualTo(Arrays.copyOf(before, intact));
        BundleVerifier.Report report = BundleVerifier.verify(t);
        assertThat(report.ok()).as(report.describe()).isTrue();
        List<TranscriptEntry> entries = TranscriptReader.read(t);
        TranscriptEntry resume = entries.stream().filter(e -> e.type().equals("session.resume")).findFirst().orElseThrow();
        assertThat(resume.seq()).isEqualTo(cut.entries());
        assertThat(resume.data().at("/cutOffAfter/seq").asLong()).isEqualTo(cut.entries() - 1);
        assertThat(resume.data().get("signer").get("fingerprint").asText()).startsWith("SHA256:");
        // a step that was running when the process died is not silently counted as done
        if (resume.data().has("interruptedStep")) {
            String step = resume.data().get("interruptedStep").asText();
            assertThat(shown).contains("step " + step + " was running when the session was cut off");
            assertThat(entries.stream().filter(e -> e.seq() > resume.seq() && e.type().equals("step.start")
                    && e.data().path("step").asText().equals(step))).isNotEmpty();
        }
        // steps settled before the kill are not run again
        List<String> doneBefore = entries.stream().filter(e -> e.seq() < resume.seq() && e.type().equals("step.end")
                && e.data().path("state").asText().equals("done")).map(e -> e.data().path("step").asText()).toList();
        assertThat(doneBefore).isNotEmpty();
        assertThat(entries.stream().filter(e -> e.seq() > resume.seq() && e.type().equals("step.start"))
                .map(e -> e.data().path("step").asText())).doesNotContainAnyElementsOf(doneBefore);
    }

    @Test
    void resume_refusesABrokenChain_andLeavesItAsItIs() throws Exception {
        Path t = runAndKill(30);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(t));
        lines.set(3, lines.get(3).replaceFirst("\"data\":\\{", "\"data\":{\"edited\":true,"));
        Files.write(t, lines);
        int code = Main.run(new String[] {"--sandbox", "resume", t.toString(), "--run"},
                Map.of("NO_COLOR", "1", "IRSHELL_HOME", dir.resolve("home").toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("does not verify, so it cannot be resumed", "line 4");
        assertThat(Files.readAllLines(t)).isEqualTo(lines);
    }

    @Test
    void resume_refusesASealedSession() throws Exception {
        Map<String, String> env = Map.of("NO_COLOR", "1", "IRSHELL_HOME", dir.resolve("home").toString());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(Main.run(new String[] {"--sandbox", "run", "unusual-resource-activity", "--input",
                "instanceId=i-02aabfe228f219e9c", "--evidence-dir", dir.resolve("ev").toString()}, env, quiet, quiet)).isEqualTo(4);
        Path t = transcript().orElseThrow();
        byte[] sealed = Files.readAllBytes(t);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--sandbox", "resume", t.toString(), "--run"}, env, quiet,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is sealed (final digest ", "start a new session to go on");
        assertThat(Files.readAllBytes(t)).isEqualTo(sealed);
    }
}
