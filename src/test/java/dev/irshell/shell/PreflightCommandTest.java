package dev.irshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.irshell.Main;
import dev.irshell.engine.CallRelay;
import dev.irshell.engine.StepTree;
import dev.irshell.action.aws.AwsClients;
import dev.irshell.sandbox.Sandbox;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.sandbox.Scenario;
import dev.irshell.testsupport.ScriptedTerminal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * {@code irshell preflight RUNBOOK} against the sandbox: the responder with AdministratorAccess, a
 * principal made through the sandbox's IAM with the shipped policies (or less), a role session, and
 * the dry run it falls back to when the simulator is refused. What is printed, the JSON and the
 * exit code.
 */
class PreflightCommandTest {
    static final String PROCEDURE_001 = "unusual-resource-activity";
    static final String PROCEDURE_000 = "unauthorized-activity";

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The screen with line breaks as spaces: the method note is wrapped for reading. */
    static String oneLine(String shown) {
        return shown.replaceAll("\\s*\n\\s*", " ");
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    int main(String... args) {
        return Main.run(args, Map.of("NO_COLOR", "1"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    Sandbox sandbox(String scenario) {
        Sandbox sb = Sandbox.start(Scenario.builtin(scenario), SandboxOptions.defaults());
        open.add(sb);
        return sb;
    }

    IamClient iam(Sandbox sb, AwsCredentials c) {
        IamClient iam = IamClient.builder().endpointOverride(sb.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(c)).httpClient(UrlConnectionHttpClient.create()).build();
        open.add(iam);
        return iam;
    }

    IamClient operatorIam(Sandbox sb) {
        return iam(sb, AwsBasicCredentials.create(sb.operatorCredentials().accessKeyId(),
                sb.operatorCredentials().secretAccessKey()));
    }

    /** irshell's one-shot commands as the holder of {@code credentials}, on the sandbox as an endpoint. */
    int preflight(Sandbox sb, AwsCredentials credentials, boolean json, String... args) {
        LaunchOptions o = new LaunchOptions(null, "us-east-1", false, false, dir, null, sb.endpoint(), false, false, null,
                null, json, List.of());
        CallRelay relay = new CallRelay();
        AwsClients clients = new AwsClients(new AwsClients.Config(null, "us-east-1", sb.endpoint(), Map.of(),
                StaticCredentialsProvider.create(credentials), false, "irshell-test/0", relay));
        Workspace ws = new Workspace(o, clients, relay, Clock.systemUTC(), "endpoint " + sb.endpoint());
        open.add(ws);
        List<String> command = new ArrayList<>(List.of("preflight"));
        command.addAll(List.of(args));
        return new OneShot(() -> ws, new Renderer(new Ansi(false)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), json).execute(command).code();
    }

    /** A user made through the sandbox's IAM with these inline policies (by file under policies/) and managed policies. */
    AwsCredentials user(Sandbox sb, String name, List<String> policyFiles, List<String> managed) throws Exception {
        IamClient iam = operatorIam(sb);
        iam.createUser(r -> r.userName(name));
        for (String file : policyFiles) {
            String doc = Files.readString(Path.of("policies", file));
            iam.putUserPolicy(r -> r.userName(name).policyName(file.replace(".json", "")).policyDocument(doc));
        }
        for (String arn : managed) {
            iam.attachUserPolicy(r -> r.userName(name).policyArn(arn));
        }
        AccessKey key = iam.createAccessKey(r -> r.userName(name)).accessKey();
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    /** The runbook's own steps, without those of the runbooks it calls. */
    static int ownStepCount(String runbook) {
        try (Workspace ws = Workspace.create(new LaunchOptions(null, "us-east-1", false, false, Path.of("evidence"), null,
                java.net.URI.create("http://127.0.0.1:9"), false, false, null, null, false, List.of("x")), Clock.systemUTC(),
                Map.of())) {
            try {
                return ws.runbooks().resolve(runbook).steps().size();
            } catch (dev.irshell.runbook.RunbookException e) {
                throw new AssertionError(e);
            }
        }
    }

    static int stepCount(String runbook) {
        try (Workspace ws = Workspace.create(new LaunchOptions(null, "us-east-1", false, false, Path.of("evidence"), null,
                java.net.URI.create("http://127.0.0.1:9"), false, false, null, null, false, List.of("x")), Clock.systemUTC(),
                Map.of())) {
            try {
                return StepTree.flatten(ws.runbooks().resolve(runbook), ws.runbooks()::find).size();
            } catch (dev.irshell.runbook.RunbookException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void administrator_canRunEverything_exit0() {
        int code = main("--sandbox", "preflight", PROCEDURE_000, "--evidence-dir", dir.toString());

        int steps = stepCount(PROCEDURE_000);
        assertThat(code).as(stdout() + stderr()).isZero();
        int own = ownStepCount(PROCEDURE_000);
        assertThat(steps).isGreaterThan(own);
        assertThat(stdout()).contains("preflight " + PROCEDURE_000 + ": " + own + " steps and " + (steps - own)
                        + " in the runbooks it calls, as arn:aws:iam::111122223333:user/responder in account 111122223333",
                "method: IAM policy simulation.", "traceInstance.findInstance", "ec2:CreateSnapshots",
                "allowed (AdministratorAccess)", "can run all " + steps + " steps")
                .doesNotContain("denied", "not checked");
    }

    @Test
    void investigatePolicyAlone_readStepsRun_changesMissWhatTheContainPolicyGrants() throws Exception {
        Sandbox sb = sandbox(Scenario.defaultName());
        AwsCredentials investigator = user(sb, "investigator", List.of("irshell-investigate.json"), List.of());

        int code = preflight(sb, investigator, false, PROCEDURE_001);

        String shown = stdout();
        assertThat(code).as(shown + stderr()).isEqualTo(1);
        assertThat(oneLine(shown)).contains("method: IAM policy simulation.",
                "evaluated the policies of arn:aws:iam::111122223333:user/investigator");
        assertThat(shown).contains("3 steps cannot run: missing iam:GetLoginProfile, iam:DeleteLoginProfile, iam:CreateAccessKey, "
                        + "iam:UpdateAccessKey",
                "  policies/irshell-contain.json grants iam:GetLoginProfile, iam:DeleteLoginProfile, "
                        + "iam:CreateAccessKey, iam:UpdateAccessKey");
        assertThat(shown).containsPattern("findInstance\\s+ec2.findInstance\\s+read\\s+ec2:DescribeRegions\\s+allowed "
                + "\\(irshell-investigate\\)");
        assertThat(shown).containsPattern("> \\s+iam:UpdateAccessKey\\s+denied: implicit deny");
        assertThat(shown).containsPattern("moveApplication\\s+\\(manual\\)\\s+-\\s+-\\s+no AWS call");
    }

    @Test
    void bothShippedPolicies_runEveryStepOfProcedure000_scopedGrantsIncluded() throws Exception {
        Sandbox sb = sandbox(Scenario.defaultName());
        AwsCredentials responder = user(sb, "contained-responder",
                List.of("irshell-investigate.json", "irshell-contain.json"), List.of());

        int code = preflight(sb, responder, false, PROCEDURE_000);

        assertThat(code).as(stdout() + stderr()).isZero();
        assertThat(stdout()).contains("can run all " + stepCount(PROCEDURE_000) + " steps");
        // user/role/policy/instance/snapshot-scoped and conditional grants, simulated on stand-ins of their type
        assertThat(stdout()).containsPattern("iam:DeleteUser\\s+allowed \\(irshell-contain\\)")
                .containsPattern("ec2:CreateTags\\s+allowed \\(irshell-contain\\)")
                .containsPattern("ec2:TerminateInstances\\s+allowed \\(irshell-contain\\)");
    }

    @Test
    void explicitDeny_isNamedWithThePolicyThatDenies_inJson() throws Exception {
        Sandbox sb = sandbox(Scenario.defaultName());
        AwsCredentials quarantined = user(sb, "quarantined", List.of("irshell-investigate.json", "irshell-contain.json"),
                List.of("arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2"));

        int code = preflight(sb, quarantined, true, PROCEDURE_001);

        JsonNode json = parse(stdout());
        assertThat(code).isEqualTo(1);
        assertThat(json.path("exitCode").asInt()).isEqualTo(1);
        assertThat(json.path("method").asText()).isEqualTo("simulation");
        assertThat(json.path("principal").asText()).isEqualTo("arn:aws:iam::111122223333:user/quarantined");
        assertThat(json.path("ok").asBoolean()).isFalse();
        JsonNode create = step(json, "createBackupKey");
        assertThat(create.path("canRun").asText()).isEqualTo("no");
        JsonNode createKey = iamAction(create, "iam:CreateAccessKey");
        assertThat(createKey.path("result").asText()).isEqualTo("denied");
        assertThat(createKey.path("detail").asText()).isEqualTo("explicit deny");
        assertThat(createKey.path("policies")).extracting(JsonNode::asText).containsExactly("AWSCompromisedKeyQuarantineV2");
        assertThat(createKey.path("grantedBy").asText()).isEqualTo("policies/irshell-contain.json");
        assertThat(step(json, "findInstance").path("canRun").asText()).isEqualTo("yes");
        assertThat(step(json, "moveApplication").path("iamActions")).isEmpty();
        assertThat(json.path("missing")).hasSize(1);
        assertThat(json.path("missing").get(0).path("action").asText()).isEqualTo("iam:CreateAccessKey");
        assertThat(json.path("missing").get(0).path("steps")).extracting(JsonNode::asText).containsExactly("createBackupKey");
        assertThat(json.path("summary").get(0).asText()).isEqualTo("1 step cannot run: missing iam:CreateAccessKey");
    }

    @Test
    void roleSession_isSimulatedAsItsRole() {
        Sandbox sb = sandbox("rogue-role-persistence");
        Credentials session = assume(sb, "arn:aws:iam::555566667777:role/IncidentResponseRole");

        int code = preflight(sb, AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(),
                session.sessionToken()), true, PROCEDURE_001);

        JsonNode json = parse(stdout());
        assertThat(code).as(stdout() + stderr()).isZero();
        assertThat(json.path("arn").asText()).startsWith("arn:aws:sts::555566667777:assumed-role/IncidentResponseRole/");
        assertThat(json.path("principal").asText()).isEqualTo("arn:aws:iam::555566667777:role/IncidentResponseRole");
        assertThat(json.path("ok").asBoolean()).isTrue();
    }

    @Test
    void simulationRefused_fallsBackToADryRunOfTheReadSteps() throws Exception {
        Sandbox sb = sandbox(Scenario.defaultName());
        // ReadOnlyAccess reads EC2, IAM and CloudTrail, but does not allow iam:SimulatePrincipalPolicy
        AwsCredentials reader = user(sb, "reader", List.of(), List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"));

        int code = preflight(sb, reader, false, PROCEDURE_001);

        String shown = stdout();
        assertThat(code).as(shown + stderr()).isEqualTo(1);
        assertThat(oneLine(shown)).contains("method: dry run of the read steps' calls. IAM's policy simulator could not be "
                + "used: the credentials may not call iam:SimulatePrincipalPolicy on arn:aws:iam::111122223333:user/reader");
        assertThat(shown).contains("3 steps could not be checked (dry run of the read steps' calls): disableConsole, createBackupKey, "
                        + "deactivateKey");
        assertThat(shown).containsPattern("ec2:DescribeInstances\\s+allowed: the call was answered");
        assertThat(shown).containsPattern("iam:UpdateAccessKey\\s+not checked: only change or destroy steps call it");
        // a read a change step also needs was probed for the read step, so the change step shows it too
        assertThat(shown).containsPattern("deactivateKey\\s+iam.deactivateAccessKey\\s+change\\s+iam:GetAccessKeyLastUsed"
                + "\\s+allowed: the call was answered");
        assertThat(sb.state().events()).anySatisfy(e -> {
            assertThat(e.eventName()).isEqualTo("SimulatePrincipalPolicy");
            assertThat(e.errorCode()).isEqualTo("AccessDenied");
        });
    }

    @Test
    void revokedRoleSession_dryRunFindsEveryReadRefused() {
        Sandbox sb = sandbox("rogue-role-persistence");
        Credentials session = assume(sb, "arn:aws:iam::555566667777:role/IncidentResponseRole");
        operatorIam(sb).putRolePolicy(r -> r.roleName("IncidentResponseRole").policyName("AWSRevokeOlderSessions")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\","
                        + "\"Resource\":\"*\",\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":"
                        + "\"2100-01-01T00:00:00Z\"}}}]}"));

        int code = preflight(sb, AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(),
                session.sessionToken()), true, PROCEDURE_001);

        JsonNode json = parse(stdout());
        assertThat(code).as(stdout() + stderr()).isEqualTo(1);
        assertThat(json.path("method").asText()).isEqualTo("dry-run");
        assertThat(json.path("methodNote").asText()).contains("may not call iam:SimulatePrincipalPolicy");
        JsonNode describe = iamAction(step(json, "findInstance"), "ec2:DescribeInstances");
        assertThat(describe.path("result").asText()).isEqualTo("denied");
        assertThat(describe.path("detail").asText()).isEqualTo("the call was refused (UnauthorizedOperation)");
        assertThat(iamAction(step(json, "listUserKeys"), "iam:ListAccessKeys").path("detail").asText())
                .isEqualTo("the call was refused (AccessDenied)");
        assertThat(describe.path("grantedBy").asText()).isEqualTo("policies/irshell-investigate.json");
        assertThat(iamAction(step(json, "findKeyOwner"), "iam:GetAccessKeyLastUsed").path("result").asText())
                .isEqualTo("not checked");
        assertThat(json.path("summary").get(0).asText()).startsWith("9 steps cannot run: missing ec2:DescribeRegions, "
                + "ec2:DescribeInstances, cloudtrail:LookupEvents, sts:GetAccessKeyInfo, iam:ListAccessKeys");
    }

    @Test
    void unknownRunbook_exits2NamingTheRunbooks_badUsageToo() {
        assertThat(main("--sandbox", "preflight", "no-such-runbook")).isEqualTo(2);
        assertThat(stderr()).contains("irshell: no runbook 'no-such-runbook'; the runbooks are: ");
        assertThat(main("--sandbox", "preflight")).isEqualTo(2);
        assertThat(stderr()).contains("usage: irshell preflight RUNBOOK");
        assertThat(main("--sandbox", "preflight", PROCEDURE_001, "--approve-all")).isEqualTo(2);
        assertThat(stderr()).contains("unknown option --approve-all for preflight");
    }

    @Test
    void interactiveShell_preflightCommand_printsTheSameReport() {
        LaunchOptions o = new LaunchOptions(null, null, false, false, dir, null, null, false, false, "", null, false,
                List.of());
        Workspace ws = Workspace.sandbox(o, Clock.systemUTC(), Scenario.builtin(Scenario.defaultName()),
                SandboxOptions.defaults());
        open.add(ws);
        String screen = ScriptedTerminal.type(ws, List.of("preflight " + PROCEDURE_001, "preflight no-such-runbook"));
        assertThat(screen).contains(
                "irshell[SANDBOX leaked-key-cryptomining us-east-1]> ",
                "preflight " + PROCEDURE_001 + ": 12 steps, as arn:aws:iam::111122223333:user/responder",
                "can run all 12 steps",
                "no runbook 'no-such-runbook'; the runbooks are: ");
    }

    @Test
    void helpDocumentsPreflightAndItsExitCodes() {
        assertThat(Help.text()).contains("irshell preflight RUNBOOK",
                "preflight: 0 every permission is allowed; 1 one is missing or could not be confirmed;");
    }

    Credentials assume(Sandbox sb, String roleArn) {
        try (StsClient sts = StsClient.builder().endpointOverride(sb.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        sb.operatorCredentials().accessKeyId(), sb.operatorCredentials().secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            return sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("preflight-test")).credentials();
        }
    }

    static JsonNode parse(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not one JSON document: " + text, e);
        }
    }

    static JsonNode step(JsonNode report, String id) {
        for (JsonNode s : report.path("stepResults")) {
            if (s.path("id").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no step " + id + " in " + report);
    }

    static JsonNode iamAction(JsonNode step, String action) {
        for (JsonNode a : step.path("iamActions")) {
            if (a.path("action").asText().equals(action)) {
                return a;
            }
        }
        throw new AssertionError("step " + step.path("id") + " needs no " + action);
    }
}
