package dev.irshell.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.sandbox.AccessKey;
import dev.irshell.sandbox.Sandbox;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.sandbox.Scenario;
import dev.irshell.sandbox.TrailEvent;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `irshell run` without approvals changes nothing, whatever arrives on standard input: checked
 * on the account itself (the sandbox's CloudTrail, keys and passwords), not only in the
 * transcript. irshell runs as a process against a sandbox served from the test, as an operator
 * would point it at `irshell sandbox serve`.
 */
class NoUnapprovedChangeTest {
    static final String RESPONDER = "responder";

    @TempDir
    Path dir;

    Sandbox sandbox;
    /** dev-jenkins (the leaked key's user) and its keys as the scenario left them. */
    Object userBefore;
    List<AccessKey> keysBefore;

    @BeforeEach
    void serve() {
        sandbox = Sandbox.start(Scenario.builtin("leaked-key-cryptomining"), SandboxOptions.defaults());
        userBefore = sandbox.state().user("dev-jenkins").orElseThrow();
        keysBefore = sandbox.state().accessKeysOf("dev-jenkins");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    record Result(int code, String output) {}

    Result irshell(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.irshell.Main"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--evidence-dir", dir.resolve("evidence").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", sandbox.operatorCredentials().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", sandbox.operatorCredentials().secretAccessKey());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL", sandbox.endpoint().toString());
        env.put("NO_COLOR", "1");
        env.put("IRSHELL_LOG", dir.resolve("irshell.log").toString());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }

    /** What the responder's calls did to the account since the sandbox started, by CloudTrail. */
    List<String> changesByTheResponder() {
        return sandbox.state().events().stream()
                .filter(e -> !e.eventTime().isBefore(sandbox.startTime()) && RESPONDER.equals(e.username()))
                .filter(e -> !e.readOnly()).map(TrailEvent::eventName).toList();
    }

    void assertAccountUntouched() {
        assertThat(changesByTheResponder()).isEmpty();
        assertThat(sandbox.state().accessKey(SandboxRuns.LEAKED_KEY)).get().extracting(AccessKey::active).isEqualTo(true);
        assertThat(sandbox.state().user("dev-jenkins").orElseThrow()).isEqualTo(userBefore);
        assertThat(sandbox.state().accessKeysOf("dev-jenkins").stream().map(AccessKey::id).toList())
                .isEqualTo(keysBefore.stream().map(AccessKey::id).toList());
        // the responder did make calls: the run read the account
        assertThat(sandbox.state().events()).anyMatch(e -> !e.eventTime().isBefore(sandbox.startTime())
                && RESPONDER.equals(e.username()) && e.eventName().equals("LookupEvents"));
    }

    @Test
    void pipeAnsweringYes_approvesNothing_noChangeReachesTheAccount_exit4() throws Exception {
        Result r = irshell("y\ny\ndev-jenkins\ny\nyes\n".repeat(20), "run", "unusual-resource-activity",
                "--input", "instanceId=" + SandboxRuns.ATTACKER_INSTANCE);
        assertThat(r.code()).as(r.output()).isEqualTo(4);
        assertThat(r.output()).contains("[awaiting] disableConsole: awaiting approval",
                "[awaiting] createBackupKey: awaiting approval", "[awaiting] deactivateKey: awaiting approval");
        assertAccountUntouched();
    }

    @Test
    void closedStdin_approvesNothing_noChangeReachesTheAccount_exit4() throws Exception {
        Result r = irshell(null, "run", "unauthorized-activity", "--input", "exposedKeyId=" + SandboxRuns.LEAKED_KEY,
                "--input", "since=-30d");
        assertThat(r.code()).as(r.output()).isEqualTo(4);
        assertAccountUntouched();
    }

    @Test
    void onlyTheApprovedStepChangesTheAccount() throws Exception {
        Result r = irshell("y\ny\ny\n", "run", "unusual-resource-activity", "--input",
                "instanceId=" + SandboxRuns.ATTACKER_INSTANCE, "--approve", "createBackupKey");
        assertThat(r.code()).as(r.output()).isEqualTo(4);
        assertThat(changesByTheResponder()).containsExactly("CreateAccessKey");
        assertThat(sandbox.state().accessKeysOf("dev-jenkins")).hasSize(keysBefore.size() + 1);
        assertThat(sandbox.state().accessKey(SandboxRuns.LEAKED_KEY)).get().extracting(AccessKey::active).isEqualTo(true);
        assertThat(sandbox.state().user("dev-jenkins").orElseThrow()).isEqualTo(userBefore);
        // the secret of the new key was shown once on the screen and never written to the evidence
        String transcript;
        try (var s = Files.walk(dir.resolve("evidence"))) {
            transcript = Files.readString(s.filter(f -> f.getFileName().toString().equals("transcript.jsonl"))
                    .findFirst().orElseThrow());
        }
        AccessKey created = sandbox.state().accessKeysOf("dev-jenkins").stream()
                .filter(k -> keysBefore.stream().noneMatch(b -> b.id().equals(k.id()))).findFirst().orElseThrow();
        assertThat(r.output()).contains(created.secret());
        assertThat(transcript).doesNotContain(created.secret());
    }
}
