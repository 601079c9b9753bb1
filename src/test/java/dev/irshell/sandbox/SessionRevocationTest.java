package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** IAM's "revoke active sessions" deny, enforced on the rogue role's sessions as AWS does. */
class SessionRevocationTest {
    private static final String ROLE = "aws-ops-maintenance";
    private static final String LIVE_SESSION = "ASIAQROGUESESSIONTWO";

    private static Sandbox start() {
        return Sandbox.start(Scenario.builtin("rogue-role-persistence"), TestClients.options());
    }

    /** The attacker's live session as the scenario issued it. */
    private static AwsCredentials attackerSession(Sandbox s) {
        StsSession session = s.state().sessions().stream().filter(x -> x.accessKeyId().equals(LIVE_SESSION))
                .findFirst().orElseThrow();
        return TestClients.session(session.accessKeyId(), session.secret(), session.sessionToken());
    }

    private static void revoke(IamClient iam, java.time.Instant before) {
        iam.putRolePolicy(r -> r.roleName(ROLE).policyName("AWSRevokeOlderSessions").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + before + "\"}}}}"));
    }

    @Test
    void revokedSession_refusedEverywhereButGetCallerIdentity_newerSessionWorks() {
        try (Sandbox s = start();
             IamClient admin = TestClients.iam(s, TestClients.basic(s.operatorCredentials()));
             IamClient rogueIam = TestClients.iam(s, attackerSession(s));
             Ec2Client rogueEc2 = TestClients.ec2(s, attackerSession(s), "us-east-1");
             LambdaClient rogueLambda = TestClients.lambda(s, attackerSession(s), "us-east-1");
             StsClient rogueSts = TestClients.sts(s, attackerSession(s))) {
            assertThat(rogueIam.listUsers().users()).isNotEmpty();

            revoke(admin, s.startTime().plusSeconds(2));

            assertThatThrownBy(rogueIam::listUsers).isInstanceOfSatisfying(IamException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:sts::555566667777:"
                        + "assumed-role/aws-ops-maintenance/maint is not authorized to perform: iam:ListUsers with an "
                        + "explicit deny in an identity-based policy");
            });
            assertThatThrownBy(rogueEc2::describeInstances).isInstanceOfSatisfying(Ec2Exception.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation"));
            assertThatThrownBy(rogueLambda::listFunctions).isInstanceOfSatisfying(LambdaException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                assertThat(e.awsErrorDetails().errorMessage()).contains("lambda:ListFunctions ");
            });
            assertThat(rogueSts.getCallerIdentity().arn()).endsWith(":assumed-role/aws-ops-maintenance/maint");
            assertThat(s.state().events().get(s.state().events().size() - 2).errorCode())
                    .as("the refused call is recorded").isEqualTo("AccessDeniedException");

            try (StsClient buildBot = TestClients.sts(s, software.amazon.awssdk.auth.credentials.AwsBasicCredentials
                    .create("AKIAQBUILDBOTLEAKED3", "i4PzJ59FHz5r1pY4OjE2jBMptUsGr7CmY+uCu3ZR"))) {
                Credentials fresh = buildBot.assumeRole(r -> r.roleArn("arn:aws:iam::555566667777:role/" + ROLE)
                        .roleSessionName("fresh")).credentials();
                try (IamClient newer = TestClients.iam(s, TestClients.session(fresh.accessKeyId(),
                        fresh.secretAccessKey(), fresh.sessionToken()))) {
                    assertThat(newer.listUsers().users()).as("sessions issued after the cut-off work").isNotEmpty();
                }
            }
        }
    }

    @Test
    void sessionsRevoked_metWithACutoffAfterTheStart_missedWithAnOlderOne() {
        try (Sandbox s = start(); IamClient admin = TestClients.iam(s, TestClients.basic(s.operatorCredentials()))) {
            revoke(admin, s.startTime().minusSeconds(10 * 3600));

            Grade.Check old = sessionsRevoked(Grader.grade(s));
            assertThat(old.met()).isFalse();
            assertThat(old.feedback()).contains("cuts off only sessions issued before").contains("live: " + LIVE_SESSION);

            revoke(admin, s.startTime().plusSeconds(1));

            Grade.Check now = sessionsRevoked(Grader.grade(s));
            assertThat(now.met()).isTrue();
            assertThat(now.feedback()).startsWith("Sessions of aws-ops-maintenance issued before ")
                    .contains("(you put AWSRevokeOlderSessions at +").contains("2 session(s) cut off.");
        }
    }

    @Test
    void sessionsRevoked_metWhenTheRoleIsDeleted() {
        try (Sandbox s = start(); IamClient admin = TestClients.iam(s, TestClients.basic(s.operatorCredentials()))) {
            admin.detachRolePolicy(r -> r.roleName(ROLE).policyArn("arn:aws:iam::555566667777:policy/ops-maintenance"));
            admin.removeRoleFromInstanceProfile(r -> r.instanceProfileName(ROLE).roleName(ROLE));
            admin.deleteRole(r -> r.roleName(ROLE));

            Grade.Check check = sessionsRevoked(Grader.grade(s));
            assertThat(check.met()).isTrue();
            assertThat(check.feedback()).startsWith("Role aws-ops-maintenance was deleted (you did it at +");
        }
    }

    private static Grade.Check sessionsRevoked(Grade grade) {
        return grade.checks().stream().filter(c -> c.objective().equals("sessionsRevoked")).findFirst().orElseThrow();
    }
}
