package dev.irshell.sandbox;

import dev.irshell.testsupport.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Real AWS SDK v2 clients pointed at a sandbox, as irshell builds them (endpoint and credentials differ). */
final class TestClients {
    static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");

    private TestClients() {
    }

    static AwsCredentials basic(Credentials c) {
        return AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey());
    }

    static AwsCredentials session(String id, String secret, String token) {
        return AwsSessionCredentials.create(id, secret, token);
    }

    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
    }

    static IamClient iam(Sandbox s, AwsCredentials c) {
        return IamClient.builder().endpointOverride(s.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(c))
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(noRetries()).build();
    }

    static StsClient sts(Sandbox s, AwsCredentials c) {
        return StsClient.builder().endpointOverride(s.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(c))
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(noRetries()).build();
    }

    static Ec2Client ec2(Sandbox s, AwsCredentials c, String region) {
        return Ec2Client.builder().endpointOverride(s.endpoint()).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(c))
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(noRetries()).build();
    }

    static CloudTrailClient cloudTrail(Sandbox s, AwsCredentials c, String region) {
        return CloudTrailClient.builder().endpointOverride(s.endpoint()).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(c))
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(noRetries()).build();
    }

    /** Organizations is global: region aws-global signs for us-east-1. */
    static OrganizationsClient organizations(Sandbox s, AwsCredentials c) {
        return OrganizationsClient.builder().endpointOverride(s.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(c))
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(noRetries()).build();
    }

    /** Account is global: sign for us-east-1. */
    static AccountClient account(Sandbox s, AwsCredentials c) {
        return AccountClient.builder().endpointOverride(s.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(c))
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(noRetries()).build();
    }

    /** Cost Explorer answers in us-east-1 only. */
    static CostExplorerClient costExplorer(Sandbox s, AwsCredentials c) {
        return CostExplorerClient.builder().endpointOverride(s.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(c))
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(noRetries()).build();
    }

    static LambdaClient lambda(Sandbox s, AwsCredentials c, String region) {
        return LambdaClient.builder().endpointOverride(s.endpoint()).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(c))
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(noRetries()).build();
    }

    static Sandbox startFraud() {
        return Sandbox.start(Scenario.builtin("fraudulent-linked-account"), options());
    }

    /** A clock that moves one second each time it is read: the sandbox reads it once per request. */
    static Clock ticking() {
        return TestClock.ticking(T0, Duration.ofSeconds(1));
    }

    static SandboxOptions options() {
        return SandboxOptions.defaults().withClock(ticking());
    }

    static Sandbox startDefault() {
        return Sandbox.start(Scenario.builtin(Scenario.defaultName()), options());
    }

    static final String LEAKED_KEY = "AKIAQDEVJENKINS4LEAK";
    static final String LEAKED_SECRET = "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";
    static final String APP_KEY = "AKIAQAPPBACKEND2PROD";
    static final String ATTACKER_KEY = "AKIAQSUPPORTBKUP7ATK";
    static final String MINER_SA_EAST_1 = "i-02aabfe228f219e9c";

    // fraudulent-linked-account
    static final String NW_ACCOUNT = "444455556666";
    static final String NW_FRAUD_ACCOUNT = "990011223344";
    static final String NW_LEAKED_KEY = "AKIAQNWDEPLOYBOT4LK5";
    static final String NW_APP_KEY = "AKIAQNWAPPORDERS2PRD";
    static final String NW_MINER_REGION = "ap-south-1";
}
