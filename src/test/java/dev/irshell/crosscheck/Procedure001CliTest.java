package dev.irshell.crosscheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.action.aws.AwsClients;
import dev.irshell.sandbox.Credentials;
import dev.irshell.sandbox.Sandbox;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Procedure 001, step "disable the compromised access key" (aws-api-facts.md §3.3), checked from
 * the attacker's side with the AWS CLI: once the responder's session has made the leaked key
 * inactive, every call signed with it is refused as on AWS, while the application's key keeps
 * working. Skipped, with "AWS CLI not installed", when {@code aws} is not on the PATH.
 */
class Procedure001CliTest {
    static final Credentials LEAKED = new Credentials("AKIAQDEVJENKINS4LEAK", "a9A9sKPxZ9W3qLy7zKUVQDT7S8sTQCBNR3YbDgbl");
    static final Credentials APP = new Credentials("AKIAQAPPBACKEND2PROD", "9UCauSDmLhuVtcqcYezdZ+tDDj8hYs5suKcNd8Zr");

    @TempDir
    Path temp;

    @Test
    void leakedKeyDeactivated_attackersCliCallsFail_applicationKeepsWorking() {
        AwsCli.assumeInstalled();
        try (Sandbox sandbox = Sandboxes.startDefault();
             AwsClients responder = Sandboxes.clients(sandbox, sandbox.operatorCredentials(), "us-east-1")) {
            AwsCli attacker = AwsCli.at(sandbox.endpoint(), LEAKED, temp);
            AwsCli app = attacker.as(APP);
            AwsCli.Result before = attacker.run("us-east-1", "sts", "get-caller-identity");
            assertThat(before.json().path("Arn").asText())
                    .as("before: the leaked key still works").isEqualTo("arn:aws:iam::111122223333:user/dev-jenkins");

            responder.iam().updateAccessKey(b -> b.userName("dev-jenkins").accessKeyId(LEAKED.accessKeyId())
                    .status(StatusType.INACTIVE));

            // AWS: a deactivated key is an invalid security token for IAM and STS (403 InvalidClientTokenId,
            // "The security token included in the request is invalid"; aws-api-facts.md §1.4 and §2.0:
            // "Bad key -> InvalidClientTokenId 403"). GetCallerIdentity needs no permission, so this is
            // authentication failing, not the quarantine policy denying.
            AwsCli.Result whoAmI = attacker.run("us-east-1", "sts", "get-caller-identity");
            assertThat(whoAmI.exitCode()).as(whoAmI.toString()).isNotZero();
            assertThat(whoAmI.errorCode()).as(whoAmI.toString()).isEqualTo("InvalidClientTokenId");
            assertThat(whoAmI.stderr()).contains("The security token included in the request is invalid");

            AwsCli.Result users = attacker.run("us-east-1", "iam", "list-users");
            assertThat(users.errorCode()).as(users.toString()).isEqualTo("InvalidClientTokenId");

            AwsCli.Result newKey = attacker.run("us-east-1", "iam", "create-access-key", "--user-name", "dev-jenkins");
            assertThat(newKey.errorCode()).as(newKey.toString()).isEqualTo("InvalidClientTokenId");

            // EC2 answers the same condition in its own protocol: AuthFailure "AWS was not able to
            // validate the provided access credentials" (EC2 errors-overview, cited in aws-api-facts.md §1.4).
            AwsCli.Result miners = attacker.run("sa-east-1", "ec2", "describe-instances");
            assertThat(miners.exitCode()).as(miners.toString()).isNotZero();
            assertThat(miners.errorCode()).as(miners.toString()).isEqualTo("AuthFailure");

            AwsCli.Result appCall = app.run("us-east-1", "ec2", "describe-instances", "--filters",
                    "Name=tag:app,Values=backend");
            assertThat(appCall.json().path("Reservations")).as("the application's key is untouched").hasSize(2);
            assertThat(sandbox.state().accessKey(LEAKED.accessKeyId()).orElseThrow().active()).isFalse();
        }
    }
}
