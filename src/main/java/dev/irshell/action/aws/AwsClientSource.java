package dev.irshell.action.aws;

import java.util.List;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * What the actions need of {@link AwsClients}: the seam unit tests replace with mocked clients.
 */
public interface AwsClientSource {
    /** Region label of IAM calls in plans, records and failures. */
    String IAM_REGION = "aws-global";

    IamClient iam();

    StsClient sts();

    Ec2Client ec2(String region);

    CloudTrailClient cloudTrail(String region);

    /** Organizations: global, signed for us-east-1. */
    OrganizationsClient organizations();

    /** Account management: global, signed for us-east-1. */
    AccountClient account();

    /** Cost Explorer: us-east-1 only; every request costs $0.01. */
    CostExplorerClient costExplorer();

    LambdaClient lambda(String region);

    String defaultRegion();

    /** The caller, from STS GetCallerIdentity, asked once. */
    AwsClients.Identity identity();

    /** Every region of the partition with its opt-in status, asked once. */
    List<AwsClients.RegionInfo> regions();

    /** Access key id of the credentials in use, or null when unknown. */
    String credentialsAccessKeyId();

    /** Maps SDK exceptions to {@link dev.irshell.action.ActionFailure}s naming this session's profile. */
    AwsCalls calls();

    /** Names of the enabled regions, the default region first. */
    default List<String> enabledRegions() {
        String first = defaultRegion();
        List<String> names = new java.util.ArrayList<>();
        names.add(first);
        for (AwsClients.RegionInfo r : regions()) {
            if (r.enabled() && !r.name().equals(first)) {
                names.add(r.name());
            }
        }
        return names;
    }
}
