package dev.irshell.sandbox;

import static dev.irshell.sandbox.SandboxTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;

/** SimulatePrincipalPolicy and ListAccountAliases through the real SDK, against the default scenario. */
class IamSimulationOperationsTest {
    static final String ACCOUNT = "111122223333";

    private Sandbox sandbox;
    private IamClient iam;

    @BeforeEach
    void start() {
        sandbox = TestClients.startDefault();
        iam = TestClients.iam(sandbox, TestClients.basic(sandbox.operatorCredentials()));
    }

    @AfterEach
    void stop() {
        iam.close();
        sandbox.close();
    }

    private Map<String, EvaluationResult> simulate(String principal, String... actions) {
        return simulate(SimulatePrincipalPolicyRequest.builder().policySourceArn(principal).actionNames(actions).build());
    }

    private Map<String, EvaluationResult> simulate(SimulatePrincipalPolicyRequest request) {
        return iam.simulatePrincipalPolicyPaginator(request).evaluationResults().stream()
                .collect(Collectors.toMap(EvaluationResult::evalActionName, Function.identity()));
    }

    private static String user(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":user/" + name;
    }

    @Test
    void administratorIsAllowedEverythingByTheManagedPolicyThatSaysSo() {
        Map<String, EvaluationResult> r = simulate(user("responder"), "iam:DeleteUser", "ec2:DescribeInstances");

        assertThat(r.values()).extracting(EvaluationResult::evalDecision).containsOnly(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(r.get("iam:DeleteUser").evalResourceName()).isEqualTo("*");
        assertThat(r.get("iam:DeleteUser").matchedStatements()).extracting(Statement::sourcePolicyId, Statement::sourcePolicyTypeAsString)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AdministratorAccess", "aws-managed"));
    }

    @Test
    void quarantinedUserIsExplicitlyDeniedWhatTheQuarantinePolicyDenies_andImplicitlyWhatNothingAllows() {
        Map<String, EvaluationResult> r = simulate(user("dev-jenkins"), "ec2:RunInstances", "ec2:DescribeInstances",
                "iam:ListUsers");

        assertThat(r.get("ec2:RunInstances").evalDecision()).isEqualTo(PolicyEvaluationDecisionType.EXPLICIT_DENY);
        assertThat(r.get("ec2:RunInstances").matchedStatements()).extracting(Statement::sourcePolicyId)
                .containsExactly("AWSCompromisedKeyQuarantineV2");
        assertThat(r.get("ec2:DescribeInstances").evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(r.get("ec2:DescribeInstances").matchedStatements()).extracting(Statement::sourcePolicyId)
                .containsExactly("PowerUserAccess");
        // PowerUserAccess is Allow NotAction iam:*: nothing allows iam:ListUsers
        assertThat(r.get("iam:ListUsers").evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(r.get("iam:ListUsers").matchedStatements()).isEmpty();
    }

    @Test
    void groupPoliciesCount_forTheGroupsMembers() {
        Map<String, EvaluationResult> r = simulate("arn:aws:iam::" + ACCOUNT + ":group/platform-admins",
                "iam:ListUsers", "iam:DeleteUser");

        assertThat(r.get("iam:ListUsers").evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(r.get("iam:DeleteUser").evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(simulate(user("ops-alice"), "iam:ListUsers").get("iam:ListUsers").matchedStatements())
                .extracting(Statement::sourcePolicyId).contains("AdministratorAccess", "ReadOnlyAccess");
    }

    @Test
    void inlinePolicyScopedToUsers_allowsOnUserArnsOnly_andAConditionNeedsItsContextKey() {
        iam.createUser(r -> r.userName("auditor"));
        iam.putUserPolicy(r -> r.userName("auditor").policyName("scoped").policyDocument("""
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":"iam:UpdateAccessKey","Resource":"arn:aws:iam::*:user/*"},
                  {"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*",
                   "Condition":{"StringEquals":{"ec2:CreateAction":"CreateSnapshots"}}}]}"""));

        Map<String, EvaluationResult> any = simulate(user("auditor"), "iam:UpdateAccessKey", "ec2:CreateTags");
        EvaluationResult onUser = simulate(SimulatePrincipalPolicyRequest.builder().policySourceArn(user("auditor"))
                .actionNames("iam:UpdateAccessKey").resourceArns(user("someone")).build()).get("iam:UpdateAccessKey");
        EvaluationResult withContext = simulate(SimulatePrincipalPolicyRequest.builder().policySourceArn(user("auditor"))
                .actionNames("ec2:CreateTags").contextEntries(e -> e.contextKeyName("ec2:CreateAction")
                        .contextKeyType(ContextKeyTypeEnum.STRING).contextKeyValues("CreateSnapshots")).build())
                .get("ec2:CreateTags");

        assertThat(any.get("iam:UpdateAccessKey").evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(onUser.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(onUser.evalResourceName()).isEqualTo(user("someone"));
        assertThat(onUser.matchedStatements()).extracting(Statement::sourcePolicyId, Statement::sourcePolicyTypeAsString)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("scoped", "user"));
        assertThat(any.get("ec2:CreateTags").evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(any.get("ec2:CreateTags").missingContextValues()).containsExactly("ec2:CreateAction");
        assertThat(withContext.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    }

    @Test
    void eachActionIsEvaluatedForEachResource() {
        List<EvaluationResult> results = iam.simulatePrincipalPolicyPaginator(r -> r.policySourceArn(user("responder"))
                .actionNames("ec2:CreateSnapshots", "ec2:StopInstances")
                .resourceArns("arn:aws:ec2:us-east-1:" + ACCOUNT + ":instance/i-1", "arn:aws:ec2:us-east-1::snapshot/snap-1"))
                .evaluationResults().stream().toList();

        assertThat(results).hasSize(4).extracting(EvaluationResult::evalResourceName)
                .containsOnly("arn:aws:ec2:us-east-1:" + ACCOUNT + ":instance/i-1", "arn:aws:ec2:us-east-1::snapshot/snap-1");
    }

    @Test
    void manyActionsComeBackOverSeveralPages() {
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < IamSimulationOperations.PAGE_LIMIT * 2 + 3; i++) {
            actions.add("ec2:Describe" + i);
        }
        var pages = iam.simulatePrincipalPolicyPaginator(r -> r.policySourceArn(user("responder")).actionNames(actions))
                .stream().toList();

        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).isTruncated()).isTrue();
        assertThat(pages.stream().flatMap(p -> p.evaluationResults().stream()).map(EvaluationResult::evalActionName))
                .containsExactlyElementsOf(actions);
    }

    @Test
    void callerWithoutSimulatePrincipalPolicyIsRefused_evenForItself() {
        iam.createUser(r -> r.userName("reader"));
        iam.attachUserPolicy(r -> r.userName("reader").policyArn("arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess"));
        var key = iam.createAccessKey(r -> r.userName("reader")).accessKey();
        try (IamClient reader = TestClients.iam(sandbox, software.amazon.awssdk.auth.credentials.AwsBasicCredentials
                .create(key.accessKeyId(), key.secretAccessKey()))) {
            assertThatThrownBy(() -> reader.simulatePrincipalPolicy(r -> r.policySourceArn(user("reader"))
                    .actionNames("ec2:DescribeInstances")))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorMessage()).contains(
                                "is not authorized to perform: iam:SimulatePrincipalPolicy on resource: " + user("reader"),
                                "because no identity-based policy allows");
                    });
        }
    }

    @Test
    void badPrincipalArns_answerAsIamDoes() {
        assertError(() -> simulate("arn:aws:sts::" + ACCOUNT + ":assumed-role/Admin/me", "iam:ListUsers"), 400, "InvalidInput");
        assertError(() -> simulate(user("nobody"), "iam:ListUsers"), 404, "NoSuchEntity");
        assertError(() -> simulate("arn:aws:iam::999999999999:user/responder", "iam:ListUsers"), 404, "NoSuchEntity");
        assertError(() -> iam.simulatePrincipalPolicy(r -> r.policySourceArn(user("responder"))), 400, "ValidationError");
    }

    @Test
    void listAccountAliases_answersTheScenariosAlias() {
        assertThat(iam.listAccountAliases().accountAliases()).containsExactly("example-shop");
    }

    @Test
    void simulationIsRecordedInTheEventHistory() {
        SimulatePrincipalPolicyResponse r = iam.simulatePrincipalPolicy(b -> b.policySourceArn(user("responder"))
                .actionNames("iam:ListUsers"));

        assertThat(r.evaluationResults()).hasSize(1);
        assertThat(sandbox.state().events()).anySatisfy(e -> assertThat(e.eventName()).isEqualTo("SimulatePrincipalPolicy"));
    }
}
