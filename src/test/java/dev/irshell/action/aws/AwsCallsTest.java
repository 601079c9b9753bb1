package dev.irshell.action.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irshell.action.ActionFailure;
import java.net.ConnectException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsCallsTest {
    final AwsCalls calls = new AwsCalls("incident", s -> s.equals("cloudtrail") ? URI.create("http://127.0.0.1:4566") : null);

    private ActionFailure fail(RuntimeException e, String service, String op, String region) {
        try {
            calls.call(service, op, region, () -> {
                throw e;
            });
        } catch (ActionFailure f) {
            return f;
        }
        throw new AssertionError("no failure");
    }

    @Test
    void accessDenied_namesMissingPermission_andKeepsRequestId() {
        ActionFailure f = fail(FakeClients.awsError("AccessDenied", "User x is not authorized", 403, "req-1"),
                "iam", "UpdateAccessKey", "aws-global");
        assertThat(f.kind()).isEqualTo(ActionFailure.Kind.ACCESS_DENIED);
        assertThat(f.missingPermission()).isEqualTo("iam:UpdateAccessKey");
        assertThat(f.requestId()).isEqualTo("req-1");
        assertThat(f.httpStatus()).isEqualTo(403);
        assertThat(f.errorCode()).isEqualTo("AccessDenied");
        assertThat(f.describe()).contains("iam:UpdateAccessKey", "req-1", "missing IAM permission");
    }

    @Test
    void ec2UnauthorizedOperation_isAccessDeniedWithEc2Prefix() {
        ActionFailure f = fail(FakeClients.awsError("Client.UnauthorizedOperation", "no", 403, "r2"),
                "ec2", "DescribeInstances", "eu-west-1");
        assertThat(f.kind()).isEqualTo(ActionFailure.Kind.ACCESS_DENIED);
        assertThat(f.missingPermission()).isEqualTo("ec2:DescribeInstances");
        assertThat(f.region()).isEqualTo("eu-west-1");
    }

    @Test
    void cloudTrailAccessDeniedException_isAccessDenied() {
        ActionFailure f = fail(FakeClients.awsError("AccessDeniedException", "no", 400, "r3"),
                "cloudtrail", "LookupEvents", "us-east-1");
        assertThat(f.missingPermission()).isEqualTo("cloudtrail:LookupEvents");
    }

    @Test
    void expiredToken_isCredentialsWithAdviceNamingProfile() {
        ActionFailure f = fail(FakeClients.awsError("ExpiredToken", "The security token included in the request is expired",
                403, "req-9"), "sts", "GetCallerIdentity", "us-east-1");
        assertThat(f.kind()).isEqualTo(ActionFailure.Kind.CREDENTIALS);
        assertThat(f.getMessage()).contains("profile 'incident'", "aws sso login --profile incident",
                "AWS_ACCESS_KEY_ID");
        assertThat(f.requestId()).isEqualTo("req-9");
        assertThat(f.errorCode()).isEqualTo("ExpiredToken");
    }

    @Test
    void invalidClientTokenId_withDefaultChain_advisesExportOrProfile() {
        ActionFailure f = new AwsCalls(null, null).map(FakeClients.awsError("InvalidClientTokenId", "invalid", 403, "r"),
                "iam", "ListAccessKeys", "aws-global");
        assertThat(f.kind()).isEqualTo(ActionFailure.Kind.CREDENTIALS);
        assertThat(f.getMessage()).contains("default credential chain", "--profile");
    }

    @Test
    void missingCredentials_clientException_isCredentials() {
        ActionFailure f = fail(SdkClientException.create("Unable to load credentials from any of the providers in the chain"),
                "sts", "GetCallerIdentity", "us-east-1");
        assertThat(f.kind()).isEqualTo(ActionFailure.Kind.CREDENTIALS);
        assertThat(f.getMessage()).contains("aws sso login --profile incident");
    }

    @Test
    void expiredSsoToken_isCredentials() {
        ActionFailure f = fail(SdkClientException.create("The SSO session associated with this profile has expired or is"
                + " otherwise invalid. To refresh this SSO session run aws sso login"), "iam", "ListAccessKeys", "aws-global");
        assertThat(f.kind()).isEqualTo(ActionFailure.Kind.CREDENTIALS);
    }

    @Test
    void connectionRefused_isUnreachableNamingEndpoint() {
        ActionFailure f = fail(SdkClientException.create("Unable to execute HTTP request: Connection refused",
                new ConnectException("Connection refused")), "cloudtrail", "LookupEvents", "eu-west-1");
        assertThat(f.kind()).isEqualTo(ActionFailure.Kind.UNREACHABLE);
        assertThat(f.getMessage()).contains("http://127.0.0.1:4566");
        assertThat(f.region()).isEqualTo("eu-west-1");
    }

    @Test
    void timeoutWithoutOverride_namesServiceAndRegion() {
        ActionFailure f = fail(SdkClientException.create("Read timed out"), "ec2", "DescribeInstances", "ap-south-1");
        assertThat(f.kind()).isEqualTo(ActionFailure.Kind.UNREACHABLE);
        assertThat(f.getMessage()).contains("ec2 endpoint of ap-south-1");
    }

    @Test
    void otherCode_isAwsKeepingEverything() {
        ActionFailure f = fail(FakeClients.awsError("NoSuchEntity", "The user with name bob cannot be found.", 404, "req-4"),
                "iam", "ListAccessKeys", "aws-global");
        assertThat(f.kind()).isEqualTo(ActionFailure.Kind.AWS);
        assertThat(f.errorCode()).isEqualTo("NoSuchEntity");
        assertThat(f.getMessage()).isEqualTo("The user with name bob cannot be found.");
        assertThat(f.requestId()).isEqualTo("req-4");
        assertThat(f.httpStatus()).isEqualTo(404);
        assertThat(f.getCause()).isNotNull();
    }

    @Test
    void actionFailure_passesThroughEvenWhenWrapped() {
        ActionFailure ro = ActionFailure.readOnly("iam", "DeleteAccessKey", "aws-global");
        assertThat(fail(SdkClientException.create("wrapped", ro), "iam", "DeleteAccessKey", "aws-global")).isSameAs(ro);
        assertThatThrownBy(() -> calls.run("iam", "X", "r", () -> {
            throw ro;
        })).isSameAs(ro);
    }
}
