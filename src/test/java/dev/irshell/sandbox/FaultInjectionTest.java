package dev.irshell.sandbox;

import static dev.irshell.sandbox.SandboxTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

class FaultInjectionTest {

    private static Sandbox start(SandboxOptions options) {
        return Sandbox.start(Scenario.builtin(Scenario.defaultName()), options);
    }

    @Test
    void serverErrorRate_surfacesAs500WithoutRetries() {
        try (Sandbox s = start(TestClients.options().withServerErrorRate(1.0));
             StsClient sts = TestClients.sts(s, TestClients.basic(s.operatorCredentials()));
             Ec2Client ec2 = TestClients.ec2(s, TestClients.basic(s.operatorCredentials()), "us-east-1")) {
            assertError(sts::getCallerIdentity, 500, "InternalFailure");
            assertError(ec2::describeInstances, 500, "InternalError");
        }
    }

    @Test
    void throttleRate_answersEachServicesThrottlingError() {
        try (Sandbox s = start(TestClients.options().withThrottleRate(1.0));
             IamClient iam = TestClients.iam(s, TestClients.basic(s.operatorCredentials()));
             Ec2Client ec2 = TestClients.ec2(s, TestClients.basic(s.operatorCredentials()), "us-east-1")) {
            assertError(iam::listUsers, 400, "Throttling");
            assertError(ec2::describeInstances, 503, "RequestLimitExceeded");
            assertThat(s.state().events()).noneMatch(e -> e.eventTime().isAfter(s.startTime()));
        }
    }

    @Test
    void latency_callsStillSucceed() {
        try (Sandbox s = start(TestClients.options().withLatency(Duration.ofMillis(20)));
             StsClient sts = TestClients.sts(s, TestClients.basic(s.operatorCredentials()))) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo("111122223333");
        }
    }

    @Test
    void timeoutRegion_callsHangUntilTheClientGivesUp() {
        try (Sandbox s = start(TestClients.options().withTimeoutRegions(Set.of("eu-north-1")));
             Ec2Client hanging = Ec2Client.builder().endpointOverride(s.endpoint()).region(Region.EU_NORTH_1)
                     .credentialsProvider(StaticCredentialsProvider.create(TestClients.basic(s.operatorCredentials())))
                     .httpClient(UrlConnectionHttpClient.create())
                     .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                             .apiCallAttemptTimeout(Duration.ofMillis(300)))
                     .build();
             Ec2Client fine = TestClients.ec2(s, TestClients.basic(s.operatorCredentials()), "sa-east-1")) {
            assertThatThrownBy(hanging::describeInstances).isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("timeout");
            assertThat(fine.describeInstances().reservations()).isNotEmpty();
        }
    }

    @Test
    void deniedActions_refusedWithEachProtocolsAccessDenied_othersAnswered_andRecordedInCloudTrail() {
        try (Sandbox s = start(TestClients.options().withDeniedActions(Set.of("iam:ListUsers", "ec2:DescribeVolumes",
                "cloudtrail:LookupEvents", "lambda:ListFunctions", "sts:GetCallerIdentity")));
             IamClient iam = TestClients.iam(s, TestClients.basic(s.operatorCredentials()));
             Ec2Client ec2 = TestClients.ec2(s, TestClients.basic(s.operatorCredentials()), "us-east-1");
             StsClient sts = TestClients.sts(s, TestClients.basic(s.operatorCredentials()));
             var ct = TestClients.cloudTrail(s, TestClients.basic(s.operatorCredentials()), "us-east-1");
             var lambda = TestClients.lambda(s, TestClients.basic(s.operatorCredentials()), "us-east-1")) {
            assertError(iam::listUsers, 403, "AccessDenied");
            assertError(ec2::describeVolumes, 403, "UnauthorizedOperation");
            assertError(() -> ct.lookupEvents(r -> { }), 400, "AccessDeniedException");
            assertError(lambda::listFunctions, 403, "AccessDeniedException");
            assertThatThrownBy(iam::listUsers).hasMessageContaining("is not authorized to perform: iam:ListUsers");
            // what is not denied still works, and GetCallerIdentity cannot be denied on AWS either
            assertThat(iam.listRoles().roles()).isNotEmpty();
            assertThat(ec2.describeInstances().reservations()).isNotNull();
            assertThat(sts.getCallerIdentity().account()).isEqualTo("111122223333");
            assertThat(s.state().events()).anyMatch(e -> e.eventName().equals("ListUsers") && "AccessDenied".equals(e.errorCode())
                    && e.eventTime().isAfter(s.startTime()));
        }
    }

    @Test
    void deniedActions_mustBeIamActions() {
        assertThatThrownBy(() -> SandboxOptions.defaults().withDeniedActions(Set.of("ListUsers")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("such as iam:ListUsers, got 'ListUsers'");
    }

    @Test
    void sameSeed_faultsFallOnTheSameCalls_whateverTheOrderOfOtherCalls() {
        SandboxOptions faults = TestClients.options().withThrottleRate(0.5).withSeed(7);
        java.util.List<Boolean> first = new java.util.ArrayList<>();
        java.util.List<Boolean> second = new java.util.ArrayList<>();
        try (Sandbox s = start(faults);
             IamClient iam = noRetries(s)) {
            for (int i = 0; i < 12; i++) {
                first.add(throttled(iam::listUsers));
            }
        }
        try (Sandbox s = start(faults.withClock(TestClients.ticking()));
             IamClient iam = noRetries(s);
             Ec2Client ec2 = TestClients.ec2(s, TestClients.basic(s.operatorCredentials()), "us-east-1")) {
            for (int i = 0; i < 12; i++) {
                throttled(ec2::describeVolumes); // other calls in between do not move ListUsers' dice
                second.add(throttled(iam::listUsers));
            }
        }
        assertThat(second).isEqualTo(first).contains(true, false);
    }

    private static IamClient noRetries(Sandbox s) {
        return IamClient.builder().endpointOverride(s.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(TestClients.basic(s.operatorCredentials())))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static boolean throttled(Runnable call) {
        try {
            call.run();
            return false;
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            return e.isThrottlingException();
        }
    }
}
