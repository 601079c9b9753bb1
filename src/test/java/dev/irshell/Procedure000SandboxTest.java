package dev.irshell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.transcript.TranscriptVerifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Procedure 000 end to end on each sandbox scenario, non-interactively, exactly as a trainee would
 * run it with `irshell --sandbox SCENARIO run unauthorized-activity ... --approve-all`: full marks
 * where the runbook's steps allow it, and nothing changed in the account that was not compromised.
 */
class Procedure000SandboxTest {
    static final String COMPROMISED = """
            verdict: compromised
            moveApplication: done
            applicationWorks: works
            rootAccessKeys: done
            recoverBackups: done
            confirmAccountInformation: done
            answerSupport: done
            traceInstance.moveApplication: done
            traceInstance.concludeReview: moreActivity
            """;

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String scenario, String answers, String... inputs) throws Exception {
        Path a = dir.resolve("answers.yaml");
        Files.writeString(a, answers);
        List<String> args = new ArrayList<>(List.of("--sandbox", scenario, "run", "unauthorized-activity", "--approve-all",
                "--answers", a.toString(), "--evidence-dir", dir.resolve("evidence").toString()));
        for (String in : inputs) {
            args.add("--input");
            args.add(in);
        }
        return Main.run(args.toArray(String[]::new), Map.of("NO_COLOR", "1"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String shown() {
        return out.toString(StandardCharsets.UTF_8);
    }

    Path transcript() throws Exception {
        try (Stream<Path> s = Files.walk(dir.resolve("evidence"))) {
            return s.filter(p -> p.getFileName().toString().equals("transcript.jsonl")).findFirst().orElseThrow();
        }
    }

    void assertFullMarksAndValidEvidence(String scenario) throws Exception {
        assertThat(shown()).as(shown() + err).containsPattern("Grade for " + scenario + ": (\\d+) of \\1 objectives met \\(100%\\)");
        assertThat(TranscriptVerifier.verify(transcript()).ok()).isTrue();
    }

    @Test
    void leakedKeyCryptomining_fullMarks() throws Exception {
        int code = run("leaked-key-cryptomining", COMPROMISED, "exposedKeyId=AKIAQDEVJENKINS4LEAK",
                "instanceId=i-02aabfe228f219e9c", "since=-30d");
        assertThat(code).as(shown() + err).isZero();
        assertThat(shown()).contains("[done] traceInstance.findKeyOwner: AKIAQDEVJENKINS4LEAK belongs to dev-jenkins",
                "Text to paste:", "iam:DeleteAccessKey");
        // every change the session made is found in the simulated account's CloudTrail, by request id
        assertThat(shown()).containsPattern("\\[done\\] changesInCloudTrail: (\\d+) of \\1 change\\(s\\) found in CloudTrail")
                .contains("every change this session made is in CloudTrail");
        var end = dev.irshell.transcript.TranscriptReader.read(transcript()).stream()
                .filter(e -> e.type().equals("step.end") && e.data().path("step").asText().equals("changesInCloudTrail"))
                .findFirst().orElseThrow().data().get("data");
        assertThat(end.get("matched").asInt()).isGreaterThan(10);
        assertThat(end.get("changes")).allSatisfy(c -> {
            assertThat(c.get("matchedBy").asText()).isEqualTo("request id");
            // the call's User-Agent carried the session marker, and CloudTrail kept it
            assertThat(c.get("userAgentMarker").asBoolean()).isTrue();
        });
        assertFullMarksAndValidEvidence("leaked-key-cryptomining");
    }

    @Test
    void rogueRolePersistence_fullMarks() throws Exception {
        int code = run("rogue-role-persistence", COMPROMISED, "exposedKeyId=AKIAQBUILDBOTLEAKED3", "since=-30d");
        assertThat(code).as(shown() + err).isZero();
        assertFullMarksAndValidEvidence("rogue-role-persistence");
    }

    @Test
    void fraudulentLinkedAccount_fullMarks() throws Exception {
        int code = run("fraudulent-linked-account", COMPROMISED, "exposedKeyId=AKIAQNWDEPLOYBOT4LK5", "since=-30d",
                "securityContactEmail=security@northwind.example");
        assertThat(code).as(shown() + err).isZero();
        assertFullMarksAndValidEvidence("fraudulent-linked-account");
    }

    @Test
    void quietAccount_investigatedAndNothingChanged() throws Exception {
        int code = run("quiet-account", "verdict: clean\nconfirmAccountInformation: done\n", "since=-30d");
        assertThat(code).as(shown() + err).isZero();
        assertThat(shown()).contains("[skipped] deleteUnauthorizedUsers: condition not met", "0 change(s) to report to AWS Support");
        assertFullMarksAndValidEvidence("quiet-account");
    }
}
