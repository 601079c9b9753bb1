package dev.irshell.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.action.Action;
import dev.irshell.action.Effect;
import dev.irshell.action.IamActionNames;
import dev.irshell.action.aws.AwsActions;
import dev.irshell.action.aws.AwsClients;
import dev.irshell.preflight.RunbookNeeds.StepNeed;
import dev.irshell.runbook.StepKind;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.Statement;

/** The pieces of preflight that need no AWS: principals, stand-in resources, verdicts, probes, policies, summary. */
class PreflightPartsTest {
    static final String ACCOUNT = "111122223333";

    @Test
    void principalToSimulate_userAsIs_roleSessionAsItsRole_identityCenterRolesAlsoUnderTheirPath() {
        assertThat(PolicySimulator.principals("arn:aws:iam::" + ACCOUNT + ":user/ops/alice", "eu-west-1"))
                .containsExactly("arn:aws:iam::" + ACCOUNT + ":user/ops/alice");
        assertThat(PolicySimulator.principals("arn:aws:sts::" + ACCOUNT + ":assumed-role/Responder/alice", "eu-west-1"))
                .containsExactly("arn:aws:iam::" + ACCOUNT + ":role/Responder");
        assertThat(PolicySimulator.principals("arn:aws-us-gov:sts::" + ACCOUNT
                + ":assumed-role/AWSReservedSSO_IR_0123abcd/alice@example.com", "eu-west-1")).containsExactly(
                "arn:aws-us-gov:iam::" + ACCOUNT + ":role/AWSReservedSSO_IR_0123abcd",
                "arn:aws-us-gov:iam::" + ACCOUNT + ":role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_IR_0123abcd",
                "arn:aws-us-gov:iam::" + ACCOUNT + ":role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_IR_0123abcd");
        assertThat(PolicySimulator.principals("arn:aws:iam::" + ACCOUNT + ":root", "eu-west-1")).isEmpty();
        assertThat(PolicySimulator.principals("arn:aws:sts::" + ACCOUNT + ":federated-user/bob", "eu-west-1")).isEmpty();
    }

    @Test
    void standInResources_fillAccountRegionAndName_keepEmptyFields() {
        assertThat(PolicySimulator.standIn("arn:aws:iam::*:user/*", "aws", ACCOUNT, "eu-west-1"))
                .isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/irshell-preflight");
        assertThat(PolicySimulator.standIn("arn:aws:ec2:*:*:instance/*", "aws-cn", ACCOUNT, "cn-north-1"))
                .isEqualTo("arn:aws-cn:ec2:cn-north-1:" + ACCOUNT + ":instance/irshell-preflight");
        assertThat(PolicySimulator.standIn("arn:aws:ec2:*::snapshot/*", "aws", ACCOUNT, "eu-west-1"))
                .isEqualTo("arn:aws:ec2:eu-west-1::snapshot/irshell-preflight");
        assertThat(PolicySimulator.standIn("*", "aws", ACCOUNT, "eu-west-1")).isEqualTo("*");
    }

    static EvaluationResult result(PolicyEvaluationDecisionType d, String... policies) {
        return EvaluationResult.builder().evalActionName("iam:DeleteUser").evalResourceName("*").evalDecision(d)
                .matchedStatements(java.util.Arrays.stream(policies).map(p -> Statement.builder().sourcePolicyId(p).build())
                        .toList()).build();
    }

    @Test
    void verdict_explicitDenyWins_allMustAllow_implicitDenyNamesMissingContextAndScps() {
        assertThat(PolicySimulator.verdict(List.of(result(PolicyEvaluationDecisionType.ALLOWED, "Admin"),
                result(PolicyEvaluationDecisionType.EXPLICIT_DENY, "Quarantine"))).describe())
                .isEqualTo("denied: explicit deny (Quarantine)");
        assertThat(PolicySimulator.verdict(List.of(result(PolicyEvaluationDecisionType.ALLOWED, "Admin"),
                result(PolicyEvaluationDecisionType.ALLOWED, "Admin", "Contain"))).describe())
                .isEqualTo("allowed (Admin, Contain)");
        assertThat(PolicySimulator.verdict(List.of(result(PolicyEvaluationDecisionType.ALLOWED, "Admin"),
                result(PolicyEvaluationDecisionType.IMPLICIT_DENY))).describe()).isEqualTo("denied: implicit deny");
        assertThat(PolicySimulator.verdict(List.of(result(PolicyEvaluationDecisionType.IMPLICIT_DENY).toBuilder()
                .missingContextValues("ec2:CreateAction").build())).describe())
                .isEqualTo("denied: implicit deny, a condition needs ec2:CreateAction");
        assertThat(PolicySimulator.verdict(List.of(result(PolicyEvaluationDecisionType.IMPLICIT_DENY, "Admin").toBuilder()
                .organizationsDecisionDetail(o -> o.allowedByOrganizations(false)).build())).describe())
                .isEqualTo("denied: a service control policy of the organization denies it");
        // per-resource results decide when IAM gives them
        assertThat(PolicySimulator.verdict(List.of(result(PolicyEvaluationDecisionType.ALLOWED).toBuilder()
                .resourceSpecificResults(ResourceSpecificResult.builder().evalResourceName("a")
                        .evalResourceDecision(PolicyEvaluationDecisionType.ALLOWED).build(),
                        ResourceSpecificResult.builder().evalResourceName("b")
                                .evalResourceDecision(PolicyEvaluationDecisionType.IMPLICIT_DENY).build()).build()))
                .denied()).isTrue();
    }

    @Test
    void everyReadActionsPermission_hasAHarmlessProbe() {
        try (AwsClients clients = new AwsClients(AwsClients.Config.emulated(URI.create("http://127.0.0.1:9"), "us-east-1",
                "AKIAIOSFODNN7EXAMPLE", "x", false, "t", null))) {
            Set<String> reads = new TreeSet<>();
            for (Action a : AwsActions.all(clients)) {
                if (a.spec().effect() == Effect.READ) {
                    reads.addAll(IamActionNames.needs(a.spec()));
                }
            }
            assertThat(reads).hasSizeGreaterThan(20);
            assertThat(ReadProbes.PROBES.keySet()).as("a dry-run probe for each read permission, and only for those")
                    .containsExactlyInAnyOrderElementsOf(reads);
        }
    }

    @Test
    void shippedPolicies_bundledInTheJarAsInPolicies_grantsWithTheirScope() throws Exception {
        for (String file : List.of(ShippedPolicies.INVESTIGATE, ShippedPolicies.CONTAIN)) {
            try (InputStream in = ShippedPolicies.class.getResourceAsStream("/policies/" + file)) {
                assertThat(in).as("policies/" + file + " on the class path").isNotNull();
                assertThat(in.readAllBytes()).as(file).isEqualTo(Files.readAllBytes(Path.of("policies", file)));
            }
        }
        ShippedPolicies p = ShippedPolicies.load();
        assertThat(p.grant("iam:DeleteUser")).hasValueSatisfying(g -> {
            assertThat(g.file()).isEqualTo(ShippedPolicies.CONTAIN);
            assertThat(g.resources()).containsExactly("arn:aws:iam::*:user/*");
            assertThat(g.scoped()).isTrue();
        });
        assertThat(p.grant("ec2:CreateTags")).hasValueSatisfying(g ->
                assertThat(g.stringEquals()).isEqualTo(Map.of("ec2:CreateAction", List.of("CreateSnapshots"))));
        assertThat(p.grant("IAM:listusers")).hasValueSatisfying(g -> {
            assertThat(g.file()).isEqualTo(ShippedPolicies.INVESTIGATE);
            assertThat(g.scoped()).isFalse();
        });
        assertThat(p.fileFor("iam:SimulatePrincipalPolicy")).contains(ShippedPolicies.INVESTIGATE);
        assertThat(p.fileFor("s3:GetObject")).isEmpty();
    }

    @Test
    void report_okOnlyWhenEverythingIsAllowed_summaryNamesStepsActionsAndPolicies() {
        List<StepNeed> steps = List.of(
                new StepNeed("find", "Find", StepKind.ACTION, "ec2.findInstance", Effect.READ, null,
                        List.of("ec2:DescribeRegions", "ec2:DescribeInstances")),
                new StepNeed("ask", "Ask", StepKind.MANUAL, null, null, null, List.of()),
                new StepNeed("off", "Off", StepKind.ACTION, "iam.deactivateAccessKey", Effect.CHANGE, null,
                        List.of("iam:ListAccessKeys", "iam:UpdateAccessKey")),
                new StepNeed("snap", "Snap", StepKind.ACTION, "ec2.snapshotInstance", Effect.CHANGE, null,
                        List.of("ec2:CreateSnapshots", "ec2:Unheard")));
        Map<String, Verdict> allAllowed = Map.of("ec2:DescribeRegions", Verdict.allowed("", List.of()),
                "ec2:DescribeInstances", Verdict.allowed("", List.of()), "iam:ListAccessKeys", Verdict.allowed("", List.of()),
                "iam:UpdateAccessKey", Verdict.allowed("", List.of()), "ec2:CreateSnapshots", Verdict.allowed("", List.of()),
                "ec2:Unheard", Verdict.allowed("", List.of()));
        PreflightReport ok = report(steps, allAllowed);
        assertThat(ok.ok()).isTrue();
        assertThat(ok.summary()).containsExactly("can run all 4 steps");

        Map<String, Verdict> some = new java.util.HashMap<>(allAllowed);
        some.put("ec2:DescribeInstances", Verdict.denied("implicit deny", List.of()));
        some.put("iam:UpdateAccessKey", Verdict.denied("explicit deny", List.of("Quarantine")));
        some.put("ec2:Unheard", Verdict.denied("implicit deny", List.of()));
        PreflightReport missing = report(steps, some);
        assertThat(missing.ok()).isFalse();
        assertThat(missing.blocked()).extracting(StepNeed::id).containsExactly("find", "off", "snap");
        assertThat(missing.summary()).containsExactly(
                "3 steps cannot run: missing ec2:DescribeInstances, iam:UpdateAccessKey, ec2:Unheard",
                "  policies/irshell-investigate.json grants ec2:DescribeInstances",
                "  policies/irshell-contain.json grants iam:UpdateAccessKey",
                "  no policy in policies/ grants ec2:Unheard");

        Map<String, Verdict> unchecked = new java.util.HashMap<>(allAllowed);
        unchecked.put("iam:UpdateAccessKey", Verdict.notChecked("only a simulation can tell"));
        PreflightReport unsure = report(steps, unchecked);
        assertThat(unsure.ok()).as("not confirmed is not allowed").isFalse();
        assertThat(unsure.missing()).isEmpty();
        assertThat(unsure.summary()).containsExactly("1 step could not be checked (dry run of the read steps' calls): off");
        assertThat(unsure.toJson().path("stepResults").get(2).path("canRun").asText()).isEqualTo("unknown");
    }

    private static PreflightReport report(List<StepNeed> steps, Map<String, Verdict> verdicts) {
        return new PreflightReport("rb", 4, ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":user/x",
                PreflightReport.Method.DRY_RUN, null, "note", steps, verdicts, ShippedPolicies.load());
    }
}
