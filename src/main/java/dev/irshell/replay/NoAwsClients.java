package dev.irshell.replay;

import dev.irshell.action.ActionFailure;
import dev.irshell.action.aws.AwsCalls;
import dev.irshell.action.aws.AwsClientSource;
import dev.irshell.action.aws.AwsClients;
import java.util.List;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The client source of a replay: it knows the recorded session's region and key, and refuses every
 * AWS client, so no call can leave irshell. The real actions are built over it only for their specs,
 * plans and undos; a plan that needed AWS would fail here and the recorded plan is served instead.
 */
final class NoAwsClients implements AwsClientSource {
    private final String region;
    private final String accessKeyId;

    NoAwsClients(String region, String accessKeyId) {
        this.region = region;
        this.accessKeyId = accessKeyId;
    }

    static ActionFailure refused(String service) {
        return ActionFailure.notRecorded("a replay makes no AWS calls (it was asked for a " + service
                + " client); its answers come from the recording");
    }

    @Override
    public IamClient iam() {
        throw refused("iam");
    }

    @Override
    public StsClient sts() {
        throw refused("sts");
    }

    @Override
    public Ec2Client ec2(String region) {
        throw refused("ec2");
    }

    @Override
    public CloudTrailClient cloudTrail(String region) {
        throw refused("cloudtrail");
    }

    @Override
    public OrganizationsClient organizations() {
        throw refused("organizations");
    }

    @Override
    public AccountClient account() {
        throw refused("account");
    }

    @Override
    public CostExplorerClient costExplorer() {
        throw refused("ce");
    }

    @Override
    public LambdaClient lambda(String region) {
        throw refused("lambda");
    }

    @Override
    public String defaultRegion() {
        return region;
    }

    @Override
    public AwsClients.Identity identity() {
        throw refused("sts");
    }

    @Override
    public List<AwsClients.RegionInfo> regions() {
        throw refused("ec2");
    }

    @Override
    public String credentialsAccessKeyId() {
        return accessKeyId;
    }

    @Override
    public AwsCalls calls() {
        return new AwsCalls(null, null);
    }
}
