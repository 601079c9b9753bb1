package dev.irshell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.transcript.TranscriptVerifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Procedure 001 on the built-in sandbox, non-interactively, with no AWS account anywhere: the
 * same clients and actions as live, the grade printed at the end.
 */
class SandboxSessionTest {
    static final String ATTACKER_INSTANCE = "i-02aabfe228f219e9c";
    static final String LEAKED_KEY = "AKIAQDEVJENKINS4LEAK";

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int main(String... args) {
        return Main.run(args, Map.of("NO_COLOR", "1"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    Path transcript() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().equals("transcript.jsonl")).findFirst().orElseThrow();
        }
    }

    @Test
    void procedure001_approveAll_containsTheLeakedKeyAndPrintsTheGrade() throws Exception {
        Path answers = dir.resolve("answers.yaml");
        Files.writeString(answers, "moveApplication: done\nconcludeReview: moreActivity\n");
        int code = main("--sandbox", "run", "unusual-resource-activity", "--input", "instanceId=" + ATTACKER_INSTANCE,
                "--approve-all", "--answers", answers.toString(), "--evidence-dir", dir.toString());
        String shown = stdout();
        assertThat(code).as(shown + err).isZero();
        assertThat(shown).contains(
                "account 111122223333 as arn:aws:iam::111122223333:user/responder",
                "[done] findInstance: " + ATTACKER_INSTANCE + " is running in sa-east-1",
                "[done] findKeyOwner: " + LEAKED_KEY + " belongs to dev-jenkins",
                "[done] deactivateKey: " + LEAKED_KEY + " of dev-jenkins: Active -> Inactive",
                "203.0.113.66");
        // the grade: the leaked key is off, the application's key untouched
        assertThat(shown).containsPattern("\\[met\\]\\s+keyInactive.*" + LEAKED_KEY);
        assertThat(shown).containsPattern("\\[met\\]\\s+keyStillActive.*AKIAQAPPBACKEND2PROD");
        assertThat(shown).containsPattern("\\[missed\\]\\s+keyDeleted.*" + LEAKED_KEY);
        assertThat(TranscriptVerifier.verify(transcript()).ok()).isTrue();
        assertThat(Files.readString(transcript())).contains("\"environment\":\"SANDBOX leaked-key-cryptomining\"");
    }

    @Test
    void outputJson_run_printsTheStepsAndTheGradeAsOneDocument() throws Exception {
        int code = main("--sandbox", "--output", "json", "run", "unusual-resource-activity", "--input",
                "instanceId=" + ATTACKER_INSTANCE, "--evidence-dir", dir.toString());
        assertThat(code).isEqualTo(4);
        var n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stdout());
        assertThat(n.get("status").asText()).isEqualTo("awaiting_operator");
        assertThat(n.get("exitCode").asInt()).isEqualTo(4);
        assertThat(n.get("steps").get(0).get("id").asText()).isEqualTo("findInstance");
        assertThat(n.get("steps").get(0).get("state").asText()).isEqualTo("done");
        assertThat(n.get("grade").get("scenario").asText()).isEqualTo("leaked-key-cryptomining");
        assertThat(n.get("grade").get("total").asInt()).isPositive();
    }

    @Test
    void approveAll_onALiveAccount_isRefused() {
        int code = main("run", "unusual-resource-activity", "--input", "instanceId=" + ATTACKER_INSTANCE, "--approve-all",
                "--evidence-dir", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--approve-all is refused on a live account");
    }

    @Test
    void unknownScenario_isAUsageErrorListingTheBuiltIns() {
        int code = main("--sandbox", "no-such.yaml", "runbooks");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no sandbox scenario 'no-such.yaml': the built-in ones are",
                "leaked-key-cryptomining");
    }

    @Test
    void expectAccount_otherAccount_refusesBeforeAnyChange() {
        int code = main("--sandbox", "--expect-account", "999988887777", "run", "unusual-resource-activity",
                "--input", "instanceId=" + ATTACKER_INSTANCE, "--approve-all", "--evidence-dir", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing to start: --expect-account 999988887777, "
                + "but the credentials reach account 111122223333 as arn:aws:iam::111122223333:user/responder");
        assertThat(dir.resolve("evidence")).doesNotExist();
    }

    @Test
    void expectAccount_malformed_isAUsageError() {
        assertThat(main("--expect-account", "12345", "runbooks")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--expect-account must be a 12-digit AWS account id");
    }

    @Test
    void scenarios_areListedWithTheDefaultMarked() {
        assertThat(main("sandbox", "scenarios")).isZero();
        assertThat(stdout()).contains("leaked-key-cryptomining (default)");
    }
}
