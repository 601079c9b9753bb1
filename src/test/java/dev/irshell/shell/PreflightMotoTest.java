package dev.irshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irshell.action.aws.AwsClients;
import dev.irshell.engine.CallRelay;
import dev.irshell.testsupport.FakeCloudTrail;
import dev.irshell.testsupport.MotoServer;
import dev.irshell.testsupport.TestWorkspaces;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.model.AccessKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * preflight against moto, an independent emulator: moto does not implement SimulatePrincipalPolicy,
 * so preflight falls back to the dry run, says why, calls each read operation once and leaves the
 * changes unchecked.
 */
@ExtendWith(MotoServer.class)
class PreflightMotoTest {
    @TempDir
    Path dir;

    MotoServer moto;
    FakeCloudTrail ct;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        ct = FakeCloudTrail.start().account(MotoServer.ACCOUNT);
    }

    @AfterEach
    void tearDown() {
        ct.close();
    }

    /** As moto's default identity (arn:aws:sts::123456789012:user/moto, not an IAM entity). */
    ExitCode preflight(boolean json) {
        return preflight(TestWorkspaces.moto(moto, ct, dir.resolve("evidence"), false, false), json);
    }

    /** As an IAM user made in moto, with its own key. */
    ExitCode preflightAsUser(String name) {
        AwsClients.Config admin = moto.clientConfig("us-east-1", false, null);
        AccessKey key;
        try (AwsClients c = new AwsClients(admin)) {
            c.iam().createUser(r -> r.userName(name));
            key = c.iam().createAccessKey(r -> r.userName(name)).accessKey();
        }
        LaunchOptions o = new LaunchOptions(null, "us-east-1", false, false, dir, null, moto.endpoint(), false, false, null,
                null, true, List.of());
        CallRelay relay = new CallRelay();
        AwsClients clients = new AwsClients(new AwsClients.Config(null, "us-east-1", moto.endpoint(),
                Map.of("cloudtrail", ct.endpoint()), StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        key.accessKeyId(), key.secretAccessKey())), false, "irshell-test/0", relay));
        return preflight(new Workspace(o, clients, relay, Clock.systemUTC(), "test"), true);
    }

    ExitCode preflight(Workspace ws, boolean json) {
        try (ws) {
            return new OneShot(() -> ws, new Renderer(new Ansi(false)), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), json)
                    .execute(List.of("preflight", "unusual-resource-activity"));
        }
    }

    @Test
    void noSimulatorOnMoto_dryRunOfTheReadStepsInstead() {
        ExitCode code = preflight(true);

        JsonNode json = PreflightCommandTest.parse(out.toString(StandardCharsets.UTF_8));
        assertThat(code).as(out + "\n" + err).isEqualTo(ExitCode.FAILURE);
        assertThat(json.path("method").asText()).isEqualTo("dry-run");
        assertThat(json.path("methodNote").asText()).startsWith("IAM's policy simulator could not be used: IAM's simulator "
                + "takes an IAM user or role, and arn:aws:sts::123456789012:user/moto is neither.");
        assertThat(json.path("account").asText()).isEqualTo(MotoServer.ACCOUNT);
        JsonNode findInstance = PreflightCommandTest.step(json, "findInstance");
        assertThat(findInstance.path("canRun").asText()).isEqualTo("yes");
        assertThat(PreflightCommandTest.iamAction(findInstance, "ec2:DescribeInstances").path("detail").asText())
                .startsWith("the call was answered");
        assertThat(PreflightCommandTest.iamAction(PreflightCommandTest.step(json, "locateLaunchEvent"),
                "cloudtrail:LookupEvents").path("result").asText()).isEqualTo("allowed");
        assertThat(ct.requests()).anySatisfy(r -> assertThat(r.operation()).isEqualTo("LookupEvents"));
        JsonNode deactivate = PreflightCommandTest.step(json, "deactivateKey");
        assertThat(deactivate.path("canRun").asText()).isEqualTo("unknown");
        assertThat(PreflightCommandTest.iamAction(deactivate, "iam:UpdateAccessKey").path("result").asText())
                .isEqualTo("not checked");
        assertThat(json.path("missing")).isEmpty();
        assertThat(json.path("summary").get(0).asText()).startsWith("3 steps could not be checked");
    }

    @Test
    void iamUserOnMoto_simulatorNotImplemented_saysWhatMotoAnswered_andDryRuns() {
        ExitCode code = preflightAsUser("preflight-user");

        JsonNode json = PreflightCommandTest.parse(out.toString(StandardCharsets.UTF_8));
        assertThat(code).as(out + "\n" + err).isEqualTo(ExitCode.FAILURE);
        assertThat(json.path("arn").asText()).isEqualTo("arn:aws:iam::" + MotoServer.ACCOUNT + ":user/preflight-user");
        assertThat(json.path("method").asText()).isEqualTo("dry-run");
        assertThat(json.path("methodNote").asText()).startsWith("IAM's policy simulator could not be used: IAM's simulator "
                + "answered ");
        // the user's own key: GetAccessKeyLastUsed is probed with it
        assertThat(PreflightCommandTest.iamAction(PreflightCommandTest.step(json, "findKeyOwner"),
                "iam:GetAccessKeyLastUsed").path("result").asText()).isEqualTo("allowed");
        assertThat(PreflightCommandTest.step(json, "findInstance").path("canRun").asText()).isEqualTo("yes");
    }
}
