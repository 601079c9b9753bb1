package dev.irshell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.testsupport.FakeCloudTrail;
import dev.irshell.testsupport.MotoServer;
import dev.irshell.testsupport.Procedure001Account;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * irshell as a process: real exit codes through System.exit, endpoints from the AWS CLI's
 * environment variables, and a non-interactive run that approves nothing whatever arrives on
 * standard input.
 */
@ExtendWith(MotoServer.class)
class MainProcessTest {
    @TempDir
    Path dir;

    MotoServer moto;
    FakeCloudTrail ct;
    Procedure001Account account;

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

    record Result(int code, String output) {}

    Result irshell(String stdin, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.irshell.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_ACCESS_KEY);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_CLOUDTRAIL", ct.endpoint().toString());
        env.put("IRSHELL_LOG", dir.resolve("irshell.log").toString());
        env.remove("AWS_PROFILE");
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }

    @Test
    void pipedYes_approvesNothing_exit4() throws Exception {
        Result r = irshell("y\ny\ny\ndev-jenkins\ny\ny\ny\n".repeat(5), "run", "unusual-resource-activity",
                "--input", "instanceId=" + account.instanceId, "--evidence-dir", dir.resolve("ev").toString());
        assertThat(r.code()).as(r.output()).isEqualTo(4);
        assertThat(r.output()).contains("[awaiting] deactivateKey: awaiting approval", "[awaiting] disableConsole");
        assertThat(account.keyStatus()).isEqualTo(StatusType.ACTIVE);
        assertThat(account.hasLoginProfile()).isTrue();
    }

    @Test
    void closedStdin_approvedStepsRun_exit4AtTheUnansweredManualStep() throws Exception {
        Result r = irshell(null, "run", "unusual-resource-activity", "--input", "instanceId=" + account.instanceId,
                "--approve", "deactivateKey,createBackupKey", "--evidence-dir", dir.resolve("ev").toString());
        assertThat(r.code()).as(r.output()).isEqualTo(4);
        assertThat(r.output()).contains("[awaiting] moveApplication: awaiting the operator's answer");
        assertThat(account.keyCount()).isEqualTo(2);
        assertThat(account.keyStatus()).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void transcriptVerifyOfAProcessRun_exit0_andUsageError_exit2() throws Exception {
        irshell(null, "run", "unusual-resource-activity", "--input", "instanceId=" + account.instanceId,
                "--evidence-dir", dir.resolve("ev").toString());
        Path transcript;
        try (var s = java.nio.file.Files.walk(dir.resolve("ev"))) {
            transcript = s.filter(f -> f.getFileName().toString().equals("transcript.jsonl")).findFirst().orElseThrow();
        }
        assertThat(irshell(null, "transcript", "verify", transcript.toString()).code()).isZero();
        assertThat(irshell(null, "transcript", "verify").code()).isEqualTo(2);
    }
}
