package dev.irshell.crosscheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.irshell.action.ActionFailure;
import dev.irshell.action.aws.AwsClients;
import dev.irshell.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

/**
 * EC2 answers "credentials not valid here" (an opt-in Region not enabled, an inactive key) with
 * HTTP 401 and code AuthFailure (aws-api-facts.md §1.4). The sandbox puts AuthFailure on the wire
 * (the AWS CLI reads it: {@link AwsCliSandboxTest#ec2DescribeInstances_regionNotOptedIn_authFailure}).
 * This checks that irshell's own clients see it too: the JDK drops the body (below), so
 * {@code AwsCalls} reads an EC2 401 without a code as AuthFailure.
 *
 * <p>Wire (sandbox, same shape as AWS): {@code HTTP/1.1 401}, body
 * {@code <Response><Errors><Error><Code>AuthFailure</Code><Message>AWS was not able to validate the
 * provided access credentials</Message></Error></Errors><RequestID>...</RequestID></Response>}.
 * What irshell gets: {@code AwsServiceException} status 401, {@code errorCode() == null}, no message.
 * Cause: {@code AwsClients} sends everything through {@code UrlConnectionHttpClient}; the JDK's
 * {@code HttpURLConnection} in fixed-length streaming mode (a POST body) gives no error stream for a
 * 401 ("cannot retry due to server authentication, in streaming mode"), so the SDK has no XML to read
 * the code from. {@code AwsCalls.mapService} then files the failure as a generic AWS error instead of
 * {@code Kind.CREDENTIALS}, and {@code FindInstanceAction.REGION_SKIPPED} ("AuthFailure") never matches.
 * Possible fixes for the owner: treat ec2 + 401 + no code as AuthFailure in {@code AwsCalls}, or use an
 * HTTP client that keeps 401 bodies.
 */
class Ec2AuthFailureThroughIrshellTest {

    @Test
    void ec2InRegionNotOptedIn_irshellSeesAuthFailure() {
        try (Sandbox sandbox = Sandboxes.startDefault();
             AwsClients clients = Sandboxes.clients(sandbox, sandbox.operatorCredentials(), "us-east-1")) {
            ActionFailure f = catchThrowableOfType(() -> clients.calls().call("ec2", "DescribeInstances", "ap-east-1",
                    () -> clients.ec2("ap-east-1").describeInstances()), ActionFailure.class);

            assertThat(f.httpStatus()).isEqualTo(401);
            assertThat(f.errorCode()).as(f.describe()).isEqualTo("AuthFailure");
            assertThat(f.kind()).as(f.describe()).isEqualTo(ActionFailure.Kind.CREDENTIALS);
        }
    }
}
