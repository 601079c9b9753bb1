package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

class SandboxTest {
    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = TestClients.startDefault();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void getCallerIdentity_signedWithOperatorCredentials() {
        try (StsClient sts = TestClients.sts(sandbox, TestClients.basic(sandbox.operatorCredentials()))) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            assertThat(me.account()).isEqualTo("111122223333").isEqualTo(sandbox.accountId());
            assertThat(me.arn()).isEqualTo("arn:aws:iam::111122223333:user/responder");
            assertThat(me.userId()).isEqualTo("AIDAQRESPONDER000001");
        }
        assertThat(sandbox.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(sandbox.startTime()).isEqualTo(TestClients.T0);
    }

    @Test
    void unknownKey_rejectedWithEachServicesError() {
        var unknown = AwsBasicCredentials.create("AKIAQUNKNOWNKEY22222", "x".repeat(40));
        try (StsClient sts = TestClients.sts(sandbox, unknown);
             IamClient iam = TestClients.iam(sandbox, unknown);
             Ec2Client ec2 = TestClients.ec2(sandbox, unknown, "us-east-1");
             CloudTrailClient ct = TestClients.cloudTrail(sandbox, unknown, "us-east-1")) {
            assertError(() -> sts.getCallerIdentity(), 403, "InvalidClientTokenId");
            assertError(() -> iam.listUsers(), 403, "InvalidClientTokenId");
            assertAuthFailure(() -> ec2.describeInstances());
            assertError(() -> ct.lookupEvents(r -> { }), 400, "UnrecognizedClientException");
        }
    }

    @Test
    void wrongSecret_rejectedWithSignatureDoesNotMatch() {
        var wrong = AwsBasicCredentials.create(sandbox.operatorCredentials().accessKeyId(), "y".repeat(40));
        try (StsClient sts = TestClients.sts(sandbox, wrong);
             Ec2Client ec2 = TestClients.ec2(sandbox, wrong, "us-east-1");
             CloudTrailClient ct = TestClients.cloudTrail(sandbox, wrong, "us-east-1")) {
            assertError(() -> sts.getCallerIdentity(), 403, "SignatureDoesNotMatch");
            assertError(() -> ec2.describeInstances(), 403, "SignatureDoesNotMatch");
            assertError(() -> ct.lookupEvents(r -> { }), 400, "InvalidSignatureException");
        }
    }

    @Test
    void deactivatedKey_rejectedAfterResponderDeactivatesIt() {
        var leaked = AwsBasicCredentials.create(TestClients.LEAKED_KEY, TestClients.LEAKED_SECRET);
        try (IamClient iam = TestClients.iam(sandbox, TestClients.basic(sandbox.operatorCredentials()));
             StsClient attackerSts = TestClients.sts(sandbox, leaked);
             Ec2Client attackerEc2 = TestClients.ec2(sandbox, leaked, "sa-east-1")) {
            assertThat(attackerSts.getCallerIdentity().arn()).endsWith(":user/dev-jenkins");

            iam.updateAccessKey(r -> r.userName("dev-jenkins").accessKeyId(TestClients.LEAKED_KEY)
                    .status(StatusType.INACTIVE));

            assertError(() -> attackerSts.getCallerIdentity(), 403, "InvalidClientTokenId");
            assertAuthFailure(() -> attackerEc2.describeInstances());
            assertThat(sandbox.state().accessKey(TestClients.LEAKED_KEY).orElseThrow().active()).isFalse();
        }
    }

    @Test
    void unsignedRequest_refused() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>MissingAuthenticationToken</Code>").contains("<RequestId>");
        assertThat(sandbox.state().events()).noneMatch(e -> e.eventTime().isAfter(sandbox.startTime()));
    }

    @Test
    void assumeRole_temporaryCredentialsWorkWithTheirToken() {
        AssumeRoleResponse assumed;
        try (StsClient sts = TestClients.sts(sandbox, TestClients.basic(sandbox.operatorCredentials()))) {
            assumed = sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/IncidentResponseRole")
                    .roleSessionName("ir-session"));
        }
        var c = assumed.credentials();
        assertThat(c.accessKeyId()).startsWith("ASIA");
        try (StsClient asRole = TestClients.sts(sandbox, TestClients.session(c.accessKeyId(), c.secretAccessKey(),
                c.sessionToken()));
             StsClient badToken = TestClients.sts(sandbox, TestClients.session(c.accessKeyId(), c.secretAccessKey(),
                     "not-the-token"))) {
            assertThat(asRole.getCallerIdentity().arn())
                    .isEqualTo("arn:aws:sts::111122223333:assumed-role/IncidentResponseRole/ir-session");
            assertError(() -> badToken.getCallerIdentity(), 403, "InvalidClientTokenId");
        }
        TrailEvent last = sandbox.state().events("us-east-1").get(0);
        assertThat(last.eventName()).isEqualTo("GetCallerIdentity");
        assertThat(last.record().path("userIdentity").path("type").asText()).isEqualTo("AssumedRole");
        assertThat(last.accessKeyId()).isEqualTo(c.accessKeyId());
    }

    @Test
    void assumeRole_refusedForUntrustedCaller() {
        var app = AwsBasicCredentials.create(TestClients.APP_KEY, "9UCauSDmLhuVtcqcYezdZ+tDDj8hYs5suKcNd8Zr");
        try (StsClient sts = TestClients.sts(sandbox, app)) {
            assertError(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/IncidentResponseRole")
                    .roleSessionName("x1")), 403, "AccessDenied");
        }
    }

    /**
     * EC2's AuthFailure is a 401. HttpURLConnection (url-connection-client) drops the body of a 401
     * answer to a streamed POST, so the SDK sees the status without the code, exactly as against
     * AWS; {@link RawSignedRequestTest} checks the body on the wire.
     */
    static void assertAuthFailure(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.awsErrorDetails().errorCode()).isIn(null, "AuthFailure");
        });
    }

    static void assertError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.requestId()).isNotBlank();
        });
    }
}
