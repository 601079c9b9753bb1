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
}
