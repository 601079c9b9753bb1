package dev.irshell.action.aws;

import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import dev.irshell.action.ActionContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The unit-test seam: an {@link AwsClientSource} over Mockito mocks. The mocks call the real
 * default methods (so consumer-builder overloads reach the request overloads); stub the request
 * overloads with {@code doReturn(...).when(mock).op(any(OpRequest.class))}.
 */
final class FakeClients implements AwsClientSource {
    static final String ACCOUNT = "111122223333";
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final ActionContext CTX = new ActionContext("us-east-1", ACCOUNT, "s-unit",
            Clock.fixed(NOW, ZoneOffset.UTC), ActionContext.Progress.NONE);

    final IamClient iam = mock(IamClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    final StsClient sts = mock(StsClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    final Map<String, Ec2Client> ec2 = new HashMap<>();
    final Map<String, CloudTrailClient> cloudTrail = new HashMap<>();
    final OrganizationsClient organizations = mock(OrganizationsClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    final AccountClient account = mock(AccountClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    final CostExplorerClient costExplorer = mock(CostExplorerClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    final Map<String, LambdaClient> lambda = new HashMap<>();
    final List<AwsClients.RegionInfo> regions = new ArrayList<>();
    String defaultRegion = "us-east-1";
    String accessKeyId = "AKIAINCIDENTRESP0001";
    AwsCalls calls = new AwsCalls("incident", null);

    FakeClients regions(String... enabled) {
        for (String r : enabled) {
            regions.add(new AwsClients.RegionInfo(r, "opt-in-not-required"));
        }
        return this;
    }

    @Override
    public IamClient iam() {
        return iam;
    }

    @Override
    public StsClient sts() {
        return sts;
    }

    @Override
    public synchronized Ec2Client ec2(String region) {
        return ec2.computeIfAbsent(region, r -> mock(Ec2Client.class, withSettings().defaultAnswer(CALLS_REAL_METHODS)));
    }

    @Override
    public synchronized CloudTrailClient cloudTrail(String region) {
        return cloudTrail.computeIfAbsent(region,
                r -> mock(CloudTrailClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS)));
    }

    @Override
    public OrganizationsClient organizations() {
        return organizations;
    }

    @Override
    public AccountClient account() {
        return account;
    }

    @Override
    public CostExplorerClient costExplorer() {
        return costExplorer;
    }

    @Override
    public synchronized LambdaClient lambda(String region) {
        return lambda.computeIfAbsent(region, r -> mock(LambdaClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS)));
    }

    @Override
    public String defaultRegion() {
        return defaultRegion;
    }

    @Override
    public AwsClients.Identity identity() {
        return new AwsClients.Identity(ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":user/responder", "AIDAEXAMPLE",
                accessKeyId, "responder", false);
    }

    @Override
    public List<AwsClients.RegionInfo> regions() {
        return regions;
    }

    @Override
    public String credentialsAccessKeyId() {
        return accessKeyId;
    }

    @Override
    public AwsCalls calls() {
        return calls;
    }

    /** An AWS error as the SDK throws it. */
    static AwsServiceException awsError(String code, String message, int status, String requestId) {
        return AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .message(message + " (Service: X, Status Code: " + status + ", Request ID: " + requestId + ")")
                .statusCode(status).requestId(requestId).build();
    }
}
