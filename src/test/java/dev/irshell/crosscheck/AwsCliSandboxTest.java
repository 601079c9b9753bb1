package dev.irshell.crosscheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irshell.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI (v1 or v2, whichever is on the PATH) parses what the sandbox answers, for every
 * operation irshell's action catalogue uses. Values come from the default scenario,
 * {@code leaked-key-cryptomining.yaml}; the sandbox starts at {@link Sandboxes#T0}.
 * Skipped, with "AWS CLI not installed", when {@code aws} is not on the PATH.
 */
class AwsCliSandboxTest {
    static final String ACCOUNT = "111122223333";
    static final String LEAKED_KEY = "AKIAQDEVJENKINS4LEAK";
    static final String APP_KEY = "AKIAQAPPBACKEND2PROD";
    static final String MINER_SA_EAST_1 = "i-02aabfe228f219e9c";

    @TempDir
    Path temp;
    Sandbox sandbox;
    AwsCli aws;

    @BeforeEach
    void start() {
        AwsCli.assumeInstalled(); // before a sandbox is started
        sandbox = Sandboxes.startDefault();
        aws = AwsCli.at(sandbox.endpoint(), sandbox.operatorCredentials(), temp);
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    // ------------------------------------------------------------------ STS

    @Test
    void stsGetCallerIdentity_operator() {
        JsonNode id = aws.run("us-east-1", "sts", "get-caller-identity").json();

        assertThat(id.path("Account").asText()).isEqualTo(ACCOUNT);
        assertThat(id.path("Arn").asText()).isEqualTo("arn:aws:iam::111122223333:user/responder");
        assertThat(id.path("UserId").asText()).isEqualTo("AIDAQRESPONDER000001");
    }

    @Test
    void stsGetAccessKeyInfo_leakedKeyIsThisAccounts() {
        JsonNode info = aws.run("us-east-1", "sts", "get-access-key-info", "--access-key-id", LEAKED_KEY).json();

        assertThat(info.path("Account").asText()).isEqualTo(ACCOUNT);
    }

    // ------------------------------------------------------------------ IAM

    @Test
    void iamGetAccessKeyLastUsed_leakedKey_lastUseByTheAttacker() {
        JsonNode r = aws.run("us-east-1", "iam", "get-access-key-last-used", "--access-key-id", LEAKED_KEY).json();

        assertThat(r.path("UserName").asText()).isEqualTo("dev-jenkins");
        JsonNode used = r.path("AccessKeyLastUsed");
        // the attacker's denied CreateAccessKey at -2d8h is the key's last use
        assertThat(AwsCli.instant(used.path("LastUsedDate")))
                .isEqualTo(Sandboxes.T0.minus(Duration.ofDays(2).plusHours(8)));
        assertThat(used.path("ServiceName").asText()).isEqualTo("iam");
        assertThat(used.path("Region").asText()).isEqualTo("us-east-1");
    }

    @Test
    void iamListUsers_cliFollowsMarkersToTheLastPage() {
        JsonNode all = aws.run("us-east-1", "iam", "list-users").json();
        JsonNode first = aws.run("us-east-1", "iam", "list-users", "--no-paginate").json();

        assertThat(names(all.path("Users"), "UserName"))
                .containsExactlyInAnyOrder("responder", "app-backend", "dev-jenkins", "ops-alice", "support-backup");
        assertThat(all.has("Marker")).as("the CLI drops the marker once it has followed it").isFalse();
        assertThat(first.path("Users")).hasSizeLessThan(5);
        assertThat(first.path("IsTruncated").asBoolean()).isTrue();
        assertThat(first.path("Marker").asText()).isNotEmpty();
    }

    @Test
    void iamCreateListUpdateDeleteAccessKey_roundTrip() {
        JsonNode created1 = aws.run("us-east-1", "iam", "create-access-key", "--user-name", "ops-alice").json()
                .path("AccessKey");
        JsonNode created2 = aws.run("us-east-1", "iam", "create-access-key", "--user-name", "ops-alice").json()
                .path("AccessKey");
        assertThat(created1.path("UserName").asText()).isEqualTo("ops-alice");
        assertThat(created1.path("AccessKeyId").asText()).matches("AKIA[A-Z0-9]{16}");
        assertThat(created1.path("SecretAccessKey").asText()).hasSize(40);
        assertThat(created1.path("Status").asText()).isEqualTo("Active");
        assertThat(AwsCli.instant(created1.path("CreateDate"))).isAfter(Sandboxes.T0);
        String key1 = created1.path("AccessKeyId").asText();
        String key2 = created2.path("AccessKeyId").asText();

        // page size 1 on the wire (MaxItems=1): the CLI must follow the marker to see the second key
        JsonNode listed = aws.run("us-east-1", "iam", "list-access-keys", "--user-name", "ops-alice",
                "--page-size", "1").json();
        assertThat(names(listed.path("AccessKeyMetadata"), "AccessKeyId")).containsExactly(key1, key2);
        JsonNode onePage = aws.run("us-east-1", "iam", "list-access-keys", "--user-name", "ops-alice",
                "--max-items", "1").json();
        assertThat(names(onePage.path("AccessKeyMetadata"), "AccessKeyId")).containsExactly(key1);
        assertThat(onePage.path("NextToken").asText()).as("--max-items leaves a CLI NextToken").isNotEmpty();

        AwsCli.Result update = aws.run("us-east-1", "iam", "update-access-key", "--user-name", "ops-alice",
                "--access-key-id", key1, "--status", "Inactive");
        assertThat(update.ok()).as(update.toString()).isTrue();
        assertThat(update.stdout()).isBlank();
        JsonNode afterUpdate = aws.run("us-east-1", "iam", "list-access-keys", "--user-name", "ops-alice").json();
        assertThat(statusOf(afterUpdate, key1)).isEqualTo("Inactive");
        assertThat(statusOf(afterUpdate, key2)).isEqualTo("Active");

        AwsCli.Result delete = aws.run("us-east-1", "iam", "delete-access-key", "--user-name", "ops-alice",
                "--access-key-id", key1);
        assertThat(delete.ok()).as(delete.toString()).isTrue();
        JsonNode afterDelete = aws.run("us-east-1", "iam", "list-access-keys", "--user-name", "ops-alice").json();
        assertThat(names(afterDelete.path("AccessKeyMetadata"), "AccessKeyId")).containsExactly(key2);
    }

    @Test
    void iamCreateAccessKey_thirdKey_limitExceeded() {
        aws.run("us-east-1", "iam", "create-access-key", "--user-name", "dev-jenkins").json();

        AwsCli.Result third = aws.run("us-east-1", "iam", "create-access-key", "--user-name", "dev-jenkins");

        assertThat(third.exitCode()).as(third.toString()).isNotZero();
        assertThat(third.errorCode()).as(third.toString()).isEqualTo("LimitExceeded");
    }

    @Test
    void iamGetLoginProfile_userWithPassword() {
        JsonNode profile = aws.run("us-east-1", "iam", "get-login-profile", "--user-name", "ops-alice").json()
                .path("LoginProfile");

        assertThat(profile.path("UserName").asText()).isEqualTo("ops-alice");
        assertThat(profile.path("PasswordResetRequired").asBoolean(true)).isFalse();
        assertThat(AwsCli.instant(profile.path("CreateDate"))).isEqualTo(Sandboxes.T0.minus(Duration.ofDays(390)));
    }

    @Test
    void iamGetLoginProfile_userWithoutPassword_noSuchEntity() {
        AwsCli.Result r = aws.run("us-east-1", "iam", "get-login-profile", "--user-name", "app-backend");

        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.errorCode()).as(r.toString()).isEqualTo("NoSuchEntity");
        assertThat(r.stderr()).contains("GetLoginProfile").contains("app-backend");
    }

    @Test
    void iamDeleteLoginProfile_attackersPassword_thenGone() {
        AwsCli.Result delete = aws.run("us-east-1", "iam", "delete-login-profile", "--user-name", "support-backup");
        assertThat(delete.ok()).as(delete.toString()).isTrue();
        assertThat(delete.stdout()).isBlank();

        AwsCli.Result get = aws.run("us-east-1", "iam", "get-login-profile", "--user-name", "support-backup");
        assertThat(get.errorCode()).as(get.toString()).isEqualTo("NoSuchEntity");
    }

    // ------------------------------------------------------------------ EC2

    @Test
    void ec2DescribeRegions_allRegions_withOptInStatus() {
        JsonNode regions = aws.run("us-east-1", "ec2", "describe-regions", "--all-regions").json().path("Regions");

        assertThat(regions).hasSize(32);
        assertThat(optIn(regions, "sa-east-1")).isEqualTo("opt-in-not-required");
        assertThat(optIn(regions, "ap-northeast-3")).isEqualTo("opt-in-not-required");
        assertThat(optIn(regions, "ap-east-1")).isEqualTo("not-opted-in");
        assertThat(regions.get(0).path("Endpoint").asText()).endsWith(".amazonaws.com");
    }

    @Test
    void ec2DescribeInstances_byIdInItsRegion() {
        JsonNode reservations = aws.run("sa-east-1", "ec2", "describe-instances", "--instance-ids", MINER_SA_EAST_1)
                .json().path("Reservations");

        assertThat(reservations).hasSize(1);
        assertThat(reservations.get(0).path("ReservationId").asText()).isEqualTo("r-0b0eb53f16947ccf2");
        assertThat(reservations.get(0).path("OwnerId").asText()).isEqualTo(ACCOUNT);
        JsonNode i = reservations.get(0).path("Instances").get(0);
        assertThat(i.path("InstanceId").asText()).isEqualTo(MINER_SA_EAST_1);
        assertThat(i.path("InstanceType").asText()).isEqualTo("p3.16xlarge");
        assertThat(i.path("ImageId").asText()).isEqualTo("ami-0af6e9042ea5a4e3e");
        assertThat(i.path("State").path("Name").asText()).isEqualTo("running");
        assertThat(i.path("State").path("Code").asInt()).isEqualTo(16);
        assertThat(i.path("PublicIpAddress").asText()).isEqualTo("203.0.113.101");
        assertThat(i.path("PrivateIpAddress").asText()).isEqualTo("172.31.5.11");
        assertThat(i.path("Placement").path("AvailabilityZone").asText()).startsWith("sa-east-1");
        assertThat(AwsCli.instant(i.path("LaunchTime")))
                .isEqualTo(Sandboxes.T0.minus(Duration.ofDays(3).plusHours(1).plusMinutes(20)));
    }

    @Test
    void ec2DescribeInstances_idOfAnotherRegion_notFound() {
        AwsCli.Result r = aws.run("us-east-1", "ec2", "describe-instances", "--instance-ids", MINER_SA_EAST_1);

        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.errorCode()).as(r.toString()).isEqualTo("InvalidInstanceID.NotFound");
    }

    @Test
    void ec2DescribeInstances_regionNotOptedIn_authFailure() {
        AwsCli.Result r = aws.run("ap-east-1", "ec2", "describe-instances");

        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.errorCode()).as(r.toString()).isEqualTo("AuthFailure");
    }

    // ------------------------------------------------------------------ CloudTrail

    @Test
    void cloudTrailLookupEvents_byResourceName_findsTheLaunch() {
        JsonNode events = aws.run("sa-east-1", "cloudtrail", "lookup-events", "--lookup-attributes",
                "AttributeKey=ResourceName,AttributeValue=" + MINER_SA_EAST_1).json().path("Events");

        JsonNode launch = StreamSupport.stream(events.spliterator(), false)
                .filter(e -> e.path("EventName").asText().equals("RunInstances")).findFirst().orElseThrow();
        assertThat(launch.path("AccessKeyId").asText()).isEqualTo(LEAKED_KEY);
        assertThat(launch.path("Username").asText()).isEqualTo("dev-jenkins");
        assertThat(launch.path("EventSource").asText()).isEqualTo("ec2.amazonaws.com");
        assertThat(launch.path("ReadOnly").asText()).isEqualTo("false");
        assertThat(AwsCli.instant(launch.path("EventTime")))
                .isEqualTo(Sandboxes.T0.minus(Duration.ofDays(3).plusHours(1).plusMinutes(20)));
        assertThat(names(launch.path("Resources"), "ResourceName")).contains(MINER_SA_EAST_1);
        assertThat(launch.path("CloudTrailEvent").isTextual()).as("CloudTrailEvent is a JSON string").isTrue();
        assertThat(launch.path("CloudTrailEvent").asText()).contains("\"sourceIPAddress\":\"203.0.113.66\"");
    }

    @Test
    void cloudTrailLookupEvents_byAccessKey_cliFollowsNextTokenThroughEveryPage() {
        String attribute = "AttributeKey=AccessKeyId,AttributeValue=" + LEAKED_KEY;
        JsonNode all = aws.run("us-east-1", "cloudtrail", "lookup-events", "--lookup-attributes", attribute).json();
        JsonNode small = aws.run("us-east-1", "cloudtrail", "lookup-events", "--lookup-attributes", attribute,
                "--page-size", "7").json();
        JsonNode first = aws.run("us-east-1", "cloudtrail", "lookup-events", "--lookup-attributes", attribute,
                "--no-paginate").json();

        List<String> ids = names(all.path("Events"), "EventId");
        long expected = sandbox.state().events("us-east-1").stream()
                .filter(e -> LEAKED_KEY.equals(e.accessKeyId()))
                .filter(e -> !e.eventTime().isBefore(Sandboxes.T0.minus(Duration.ofDays(90))))
                .count();
        assertThat(expected).as("more than one page of 50").isGreaterThan(50);
        assertThat(ids).hasSize((int) expected).doesNotHaveDuplicates();
        assertThat(names(small.path("Events"), "EventId")).isEqualTo(ids);
        assertThat(first.path("Events")).hasSize(50);
        assertThat(first.path("NextToken").asText()).isNotEmpty();
        assertThat(all.has("NextToken")).isFalse();
        assertThat(names(all.path("Events"), "AccessKeyId")).containsOnly(LEAKED_KEY);
        assertThat(names(all.path("Events"), "EventName"))
                .contains("CreateUser", "AttachUserPolicy", "CreateLoginProfile", "ListUsers", "GetCallerIdentity");
        List<Instant> times = new ArrayList<>();
        all.path("Events").forEach(e -> times.add(AwsCli.instant(e.path("EventTime"))));
        assertThat(times).as("most recent first").isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void cloudTrailLookupEvents_twoAttributes_invalidLookupAttributes() {
        AwsCli.Result r = aws.run("us-east-1", "cloudtrail", "lookup-events", "--lookup-attributes",
                "AttributeKey=EventName,AttributeValue=CreateUser", "AttributeKey=Username,AttributeValue=dev-jenkins");

        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.errorCode()).as(r.toString()).isEqualTo("InvalidLookupAttributesException");
    }

    // ------------------------------------------------------------------ helpers

    private static List<String> names(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    private static String statusOf(JsonNode listed, String keyId) {
        for (JsonNode k : listed.path("AccessKeyMetadata")) {
            if (k.path("AccessKeyId").asText().equals(keyId)) {
                return k.path("Status").asText();
            }
        }
        throw new AssertionError(keyId + " not listed: " + listed);
    }

    private static String optIn(JsonNode regions, String name) {
        Set<String> seen = new HashSet<>();
        for (JsonNode r : regions) {
            seen.add(r.path("RegionName").asText());
            if (r.path("RegionName").asText().equals(name)) {
                return r.path("OptInStatus").asText();
            }
        }
        throw new AssertionError(name + " not among " + seen);
    }
}
