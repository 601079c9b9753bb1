package dev.irshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.testsupport.FakeCloudTrail;
import dev.irshell.testsupport.MotoServer;
import dev.irshell.testsupport.Procedure001Account;
import dev.irshell.testsupport.TestWorkspaces;
import dev.irshell.transcript.TranscriptVerifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.StatusType;

/** Procedure 001 end to end through `irshell run`, with real SDK calls to moto and a CloudTrail fake. */
@ExtendWith(MotoServer.class)
class RunCommandTest {
    @TempDir
    Path dir;

    MotoServer moto;
    FakeCloudTrail ct;
    Procedure001Account account;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        ct = FakeCloudTrail.start().account(MotoServer.ACCOUNT);
        account = Procedure001Account.create(moto, ct);
    }

    @AfterEach
    void tearDown() {
        ct.close();
    }

    ExitCode run(boolean dryRun, boolean readOnly, String... args) {
        Workspace ws = TestWorkspaces.moto(moto, ct, dir.resolve("evidence"), dryRun, readOnly);
        try (ws) {
            return new OneShot(() -> ws, new Renderer(new Ansi(false)), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).execute(List.of(args));
        }
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    Path transcript() throws Exception {
        try (Stream<Path> s = Files.walk(dir.resolve("evidence"))) {
            return s.filter(p -> p.getFileName().toString().equals("transcript.jsonl")).findFirst().orElseThrow();
        }
    }

    Path answers(String yaml) throws Exception {
        Path f = dir.resolve("answers.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void approvedRun_tracesTheInstanceToTheKeyContainsItAndExits0() throws Exception {
        ExitCode code = run(false, false, "run", "unusual-resource-activity", "--input", "instanceId=" + account.instanceId,
                "--approve", "disableConsole,createBackupKey,deactivateKey",
                "--answers", answers("moveApplication: {answer: done, note: redeployed}\nconcludeReview: moreActivity\n").toString());

        String shown = stdout();
        assertThat(code).as(shown + err).isEqualTo(ExitCode.OK);
        assertThat(shown).contains(
                "[done] findInstance: " + account.instanceId + " is running in eu-west-3",
                "[done] findKeyOwner: " + account.leakedKey + " belongs to dev-jenkins",
                "[done] deactivateKey",
                "SHOWN ONCE",
                Procedure001Account.ATTACKER_IP,
                "CreateUser");
        assertThat(account.keyStatus()).isEqualTo(StatusType.INACTIVE);
        assertThat(account.hasLoginProfile()).isFalse();
        assertThat(account.keyCount()).isEqualTo(2);

        // the secret was on the terminal, and is nowhere in the evidence
        Matcher m = Pattern.compile("SecretAccessKey for \\S+: (\\S+)").matcher(shown);
        assertThat(m.find()).isTrue();
        String secret = m.group(1);
        // the transcript and every artifact beside it (the CreateAccessKey response is one)
        StringBuilder evidence = new StringBuilder();
        try (Stream<Path> files = Files.walk(transcript().getParent())) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                evidence.append(Files.readString(p));
            }
        }
        assertThat(evidence.toString()).doesNotContain(secret).contains("[REDACTED]");
        assertThat(TranscriptVerifier.verify(transcript()).ok()).isTrue();
        // the launch event's key flowed from CloudTrail to IAM: the lookup by access key happened in us-east-1
        assertThat(ct.requests("us-east-1")).anyMatch(r -> r.body().toString().contains(account.leakedKey));
        assertThat(evidence).contains("\"type\":\"aws.call\"", "\"operation\":\"UpdateAccessKey\"", "\"requestId\"");
    }

    @Test
    void runWithoutApprovals_changesNothingAndExits4() throws Exception {
        ExitCode code = run(false, false, "run", "unusual-resource-activity", "--input", "instanceId=" + account.instanceId);
        assertThat(code).as(stdout() + err).isEqualTo(ExitCode.AWAITING_OPERATOR);
        assertThat(account.keyStatus()).isEqualTo(StatusType.ACTIVE);
        assertThat(account.hasLoginProfile()).isTrue();
        assertThat(account.keyCount()).isEqualTo(1);
        assertThat(stdout()).contains("[awaiting] deactivateKey: awaiting approval", "awaiting the operator: ");
        assertThat(TranscriptVerifier.verify(transcript()).ok()).isTrue();
    }

    @Test
    void dryRun_showsWhatWouldRunAndChangesNothing() throws Exception {
        ExitCode code = run(true, false, "run", "unusual-resource-activity", "--input", "instanceId=" + account.instanceId,
                "--approve", "disableConsole,createBackupKey,deactivateKey");
        assertThat(stdout()).contains("[skipped] deactivateKey: dry run: would execute iam:ListAccessKeys, iam:UpdateAccessKey");
        assertThat(account.keyStatus()).isEqualTo(StatusType.ACTIVE);
        assertThat(account.hasLoginProfile()).isTrue();
        assertThat(code).isIn(ExitCode.OK, ExitCode.AWAITING_OPERATOR);
    }

    @Test
    void badInstanceId_isRefusedBeforeAnythingRuns() {
        ExitCode code = run(false, false, "run", "unusual-resource-activity", "--input", "instanceId=i-XYZ");
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("input 'instanceId' (the EC2 instance nobody remembers launching) must be an EC2 instance id such as "
                        + "i-0123456789abcdef0, got 'i-XYZ'");
        assertThat(dir.resolve("evidence")).doesNotExist();
    }

    @Test
    void unknownStepInApprove_isAUsageError() {
        List<String> args = new ArrayList<>(List.of("run", "unusual-resource-activity", "--input",
                "instanceId=" + account.instanceId, "--approve", "deactivateKye"));
        UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                () -> run(false, false, args.toArray(String[]::new)));
        assertThat(e.getMessage()).startsWith("--approve names no step 'deactivateKye' of unusual-resource-activity");
    }
}
