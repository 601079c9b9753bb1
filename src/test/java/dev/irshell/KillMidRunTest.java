package dev.irshell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.transcript.TranscriptVerifier;
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

    @Test
    void killedMidStep_leavesAnIntactUnsealedChain() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.irshell.Main", "--sandbox", "run", "unauthorized-activity",
                "--input", "since=-30d", "--evidence-dir", dir.resolve("ev").toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        pb.environment().put("IRSHELL_LOG", dir.resolve("irshell.log").toString());
        Process p = pb.start();
        // wait until the run is well under way (a region sweep in progress), then kill it without warning
        long lines = 0;
        for (int i = 0; i < 600 && p.isAlive() && lines < 40; i++) {
            Thread.sleep(100);
            Optional<Path> t = transcript();
            lines = t.isPresent() ? Files.readAllLines(t.get()).size() : 0;
        }
        assertThat(p.isAlive()).as("the run ended before it could be killed; output: " + Files.readString(dir.resolve("out.txt")))
                .isTrue();
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        VerifyResult r = TranscriptVerifier.verify(transcript().orElseThrow());
        assertThat(r.status()).as(r.describe()).isEqualTo(VerifyResult.Status.UNSEALED);
        assertThat(r.entries()).isGreaterThanOrEqualTo(40);
        assertThat(r.describe()).contains("never sealed");
    }
}
