package dev.irshell.action.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irshell.action.ActionFailure;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsCallsTest {
    /** What the SDK would have read: profile 'incident' uses SSO; nothing in the environment. */
    static final CredentialAdvice.Sources SSO_PROFILE = new CredentialAdvice.Sources(null, false, false,
            Map.of("incident", Map.of("sso_session", "corp", "sso_role_name", "IR")),
            Path.of("/home/ir/.aws/config"), Path.of("/home/ir/.aws/credentials"));
    static final CredentialAdvice.Sources NOTHING = new CredentialAdvice.Sources(null, false, false, Map.of(),
            Path.of("/home/ir/.aws/config"), Path.of("/home/ir/.aws/credentials"));

    final AwsCalls calls = new AwsCalls("incident", s -> s.equals("cloudtrail") ? URI.create("http://127.0.0.1:4566") : null,
            RetryPolicy.defaults(), () -> SSO_PROFILE);

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
        assertThat(f.getMessage()).isEqualTo("the IAM Identity Center (SSO) credentials of profile 'incident' (from"
                + " --profile) have expired (AWS said: The security token included in the request is expired). What to do:"
                + " run `aws sso login --profile incident`, then run irshell again with --profile incident (or retry the"
                + " step in a running session)");
        assertThat(f.requestId()).isEqualTo("req-9");
        assertThat(f.errorCode()).isEqualTo("ExpiredToken");
    }

    @Test
    void invalidClientTokenId_withDefaultChain_advisesExportOrProfile() {
        ActionFailure f = new AwsCalls(null, null, RetryPolicy.defaults(), () -> NOTHING)
                .map(FakeClients.awsError("InvalidClientTokenId", "invalid", 403, "r"), "iam", "ListAccessKeys", "aws-global");
        assertThat(f.kind()).isEqualTo(ActionFailure.Kind.CREDENTIALS);
        assertThat(f.getMessage()).contains("the credentials the default chain found", "are not accepted by AWS",
                "What to do: choose a profile with --profile NAME or export AWS_PROFILE=NAME", "AWS_ACCESS_KEY_ID");
    }

    @Test
    void expiredToken_fromEnvironmentKeys_saysToExportFreshOnes() {
        CredentialAdvice.Sources env = new CredentialAdvice.Sources(null, true, true, Map.of(), NOTHING.configFile(),
                NOTHING.credentialsFile());
        ActionFailure f = new AwsCalls(null, null, RetryPolicy.defaults(), () -> env)
                .map(FakeClients.awsError("ExpiredToken", "expired", 403, "r"), "sts", "GetCallerIdentity", "us-east-1");
        assertThat(f.getMessage()).startsWith("the temporary credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and"
                + " AWS_SESSION_TOKEN have expired (AWS said: expired). What to do: export fresh ones");
    }

    @Test
    void missingCredentials_clientException_isCredentials() {
        ActionFailure f = fail(SdkClientException.create("Unable to load credentials from any of the providers in the chain"),
                "sts", "GetCallerIdentity", "us-east-1");
        assertThat(f.kind()).isEqualTo(ActionFailure.Kind.CREDENTIALS);
        assertThat(f.getMessage()).contains("aws sso login --profile incident");
        ActionFailure none = new AwsCalls("ops", null, RetryPolicy.defaults(), () -> SSO_PROFILE).map(
                SdkClientException.create("Unable to load credentials from any of the providers in the chain"),
                "sts", "GetCallerIdentity", "us-east-1");
        assertThat(none.getMessage()).isEqualTo("profile 'ops' (from --profile) does not exist in /home/ir/.aws/config or"
                + " /home/ir/.aws/credentials (the profiles there are: incident). What to do: give an existing profile with"
                + " --profile NAME (or AWS_PROFILE=NAME), or create this one with `aws configure sso --profile ops` (IAM"
                + " Identity Center) or `aws configure --profile ops` (access keys)");
    }

    @Test
    void legacySsoProfileWithoutTokenFile_isCredentialsNotAnUnexpectedError() {
        ActionFailure f = fail(new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException(
                "/home/ir/.aws/sso/cache/e8be5486177c5b5392bd9aa76563515b29358e6e.json")), "sts", "GetCallerIdentity", "us-east-1");
        assertThat(f.kind()).isEqualTo(ActionFailure.Kind.CREDENTIALS);
        assertThat(f.getMessage()).contains("signs in through IAM Identity Center", "aws sso login --profile incident")
                .doesNotContain("Exception");
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
