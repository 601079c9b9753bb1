package dev.irshell.sandbox;

import static dev.irshell.sandbox.SandboxTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;

class CloudTrailServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Sandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private CloudTrailClient cloudTrail(String region) {
        return TestClients.cloudTrail(sandbox, TestClients.basic(sandbox.operatorCredentials()), region);
    }

    private static LookupAttribute attr(LookupAttributeKey key, String value) {
        return LookupAttribute.builder().attributeKey(key).attributeValue(value).build();
    }

    @Test
    void lookupByResourceName_findsRunInstancesWithTheLeakedKey() throws Exception {
        sandbox = TestClients.startDefault();
        try (CloudTrailClient ct = cloudTrail("sa-east-1")) {
            List<Event> events = ct.lookupEvents(r -> r.lookupAttributes(
                    attr(LookupAttributeKey.RESOURCE_NAME, TestClients.MINER_SA_EAST_1))).events();

            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.eventName()).isEqualTo("RunInstances");
                assertThat(e.accessKeyId()).isEqualTo(TestClients.LEAKED_KEY);
                assertThat(e.username()).isEqualTo("dev-jenkins");
                assertThat(e.eventSource()).isEqualTo("ec2.amazonaws.com");
                assertThat(e.readOnly()).isEqualTo("false");
                assertThat(e.resources()).anySatisfy(res -> {
                    assertThat(res.resourceType()).isEqualTo("AWS::EC2::Instance");
                    assertThat(res.resourceName()).isEqualTo(TestClients.MINER_SA_EAST_1);
                });
            });
            JsonNode record = JSON.readTree(events.get(0).cloudTrailEvent());
            assertThat(record.path("sourceIPAddress").asText()).isEqualTo("203.0.113.66");
            assertThat(record.path("userAgent").asText()).contains("kali");
            assertThat(record.path("userIdentity").path("type").asText()).isEqualTo("IAMUser");
            assertThat(record.path("awsRegion").asText()).isEqualTo("sa-east-1");
        }
    }

    @Test
    void lookupByAccessKeyUsernameAndEventName_iamEventsLiveInUsEast1() {
        sandbox = TestClients.startDefault();
        try (CloudTrailClient use1 = cloudTrail("us-east-1"); CloudTrailClient sa = cloudTrail("sa-east-1")) {
            List<Event> byKey = use1.lookupEventsPaginator(r -> r.lookupAttributes(
                    attr(LookupAttributeKey.ACCESS_KEY_ID, TestClients.LEAKED_KEY))).events().stream().toList();
            assertThat(byKey).extracting(Event::eventName)
                    .contains("CreateUser", "CreateAccessKey", "AttachUserPolicy", "CreateLoginProfile",
                            "GetCallerIdentity", "ListUsers", "DescribeRegions");

            List<Event> created = use1.lookupEvents(r -> r.lookupAttributes(
                    attr(LookupAttributeKey.EVENT_NAME, "CreateUser"))).events();
            assertThat(created).singleElement().satisfies(e -> assertThat(e.resources())
                    .anySatisfy(res -> assertThat(res.resourceName()).isEqualTo("support-backup")));
            assertThat(sa.lookupEvents(r -> r.lookupAttributes(attr(LookupAttributeKey.EVENT_NAME, "CreateUser")))
                    .events()).isEmpty();

            List<Event> console = use1.lookupEvents(r -> r.lookupAttributes(
                    attr(LookupAttributeKey.USERNAME, "support-backup"))).events();
            assertThat(console).extracting(Event::eventName).contains("ConsoleLogin", "GetCallerIdentity");

            List<Event> denied = use1.lookupEvents(r -> r.lookupAttributes(
                    attr(LookupAttributeKey.EVENT_NAME, "CreateAccessKey"))).events();
            assertThat(denied).anySatisfy(e -> assertThat(e.cloudTrailEvent()).contains("\"errorCode\":\"AccessDenied\""));
        }
    }

    @Test
    void lookupPaginated_mostRecentFirstWithinNinetyDays() {
        sandbox = TestClients.startDefault();
        try (CloudTrailClient use1 = cloudTrail("us-east-1")) {
            List<LookupEventsResponse> pages = use1.lookupEventsPaginator(r -> r.lookupAttributes(
                    attr(LookupAttributeKey.USERNAME, "app-backend"))).stream().toList();
            List<Instant> times = pages.stream().flatMap(p -> p.events().stream()).map(Event::eventTime).toList();

            assertThat(pages).hasSizeGreaterThan(2);
            assertThat(pages.get(0).events()).hasSize(50);
            assertThat(times).isSortedAccordingTo(Comparator.reverseOrder());
            assertThat(times).allMatch(t -> !t.isBefore(sandbox.startTime().minus(Duration.ofDays(91))));
            long inScenario = sandbox.state().events("us-east-1").stream()
                    .filter(e -> "app-backend".equals(e.username())).count();
            assertThat((long) times.size()).isLessThan(inScenario);
        }
    }

    @Test
    void lookupWithStartAndEndTime_returnsOnlyThatWindow() {
        sandbox = TestClients.startDefault();
        Instant start = sandbox.startTime().minus(Duration.ofDays(3).plusHours(2));
        Instant end = sandbox.startTime().minus(Duration.ofDays(3));
        try (CloudTrailClient use1 = cloudTrail("us-east-1")) {
            List<Event> events = use1.lookupEventsPaginator(r -> r.startTime(start).endTime(end)
                    .lookupAttributes(attr(LookupAttributeKey.ACCESS_KEY_ID, TestClients.LEAKED_KEY))).events()
                    .stream().toList();
            assertThat(events).isNotEmpty().allMatch(e -> !e.eventTime().isBefore(start) && !e.eventTime().isAfter(end));
            assertError(() -> use1.lookupEvents(r -> r.startTime(end).endTime(start)), 400,
                    "InvalidTimeRangeException");
        }
    }

    @Test
    void twoLookupAttributes_failWithInvalidLookupAttributes() {
        sandbox = TestClients.startDefault();
        try (CloudTrailClient use1 = cloudTrail("us-east-1")) {
            assertError(() -> use1.lookupEvents(r -> r.lookupAttributes(
                    attr(LookupAttributeKey.USERNAME, "dev-jenkins"),
                    attr(LookupAttributeKey.EVENT_NAME, "RunInstances"))), 400, "InvalidLookupAttributesException");
            assertError(() -> use1.lookupEvents(r -> r.maxResults(51)), 400, "InvalidMaxResultsException");
        }
    }

    @Test
    void burstOfLookupsInOneRegion_throttledByTheSandboxClock() {
        Clock fixed = Clock.fixed(TestClients.T0, ZoneOffset.UTC);
        sandbox = Sandbox.start(Scenario.builtin(Scenario.defaultName()), SandboxOptions.defaults().withClock(fixed));
        try (CloudTrailClient use1 = cloudTrail("us-east-1"); CloudTrailClient sa = cloudTrail("sa-east-1")) {
            use1.lookupEvents(r -> r.maxResults(1));
            use1.lookupEvents(r -> r.maxResults(1));
            assertError(() -> use1.lookupEvents(r -> r.maxResults(1)), 400, "ThrottlingException");
            assertThat(sa.lookupEvents(r -> r.maxResults(1)).events()).hasSize(1);
        }
    }

    @Test
    void respondersOwnCalls_recordedWithTheirUserAgent() throws Exception {
        sandbox = TestClients.startDefault();
        try (IamClient iam = TestClients.iam(sandbox, TestClients.basic(sandbox.operatorCredentials()));
             CloudTrailClient use1 = cloudTrail("us-east-1")) {
            iam.updateAccessKey(r -> r.userName("dev-jenkins").accessKeyId(TestClients.LEAKED_KEY)
                    .status(StatusType.INACTIVE));
            assertError(() -> iam.getLoginProfile(r -> r.userName("app-backend")), 404, "NoSuchEntity");

            List<Event> mine = use1.lookupEvents(r -> r.lookupAttributes(
                    attr(LookupAttributeKey.USERNAME, "responder"))).events();

            assertThat(mine).extracting(Event::eventName).startsWith("GetLoginProfile", "UpdateAccessKey");
            JsonNode update = JSON.readTree(mine.get(1).cloudTrailEvent());
            assertThat(update.path("userAgent").asText()).startsWith("aws-sdk-java/2.");
            assertThat(update.path("sourceIPAddress").asText()).isEqualTo("127.0.0.1");
            assertThat(update.path("requestParameters").path("accessKeyId").asText()).isEqualTo(TestClients.LEAKED_KEY);
            assertThat(update.path("requestParameters").path("status").asText()).isEqualTo("Inactive");
            assertThat(update.path("readOnly").asBoolean()).isFalse();
            assertThat(update.path("userIdentity").path("accessKeyId").asText())
                    .isEqualTo(sandbox.operatorCredentials().accessKeyId());
            JsonNode failed = JSON.readTree(mine.get(0).cloudTrailEvent());
            assertThat(failed.path("errorCode").asText()).isEqualTo("NoSuchEntity");
            assertThat(failed.path("readOnly").asBoolean()).isTrue();
        }
    }

    @Test
    void createAccessKey_secretNeverRecorded() {
        sandbox = TestClients.startDefault();
        String secret;
        try (IamClient iam = TestClients.iam(sandbox, TestClients.basic(sandbox.operatorCredentials()))) {
            secret = iam.createAccessKey(r -> r.userName("ops-alice")).accessKey().secretAccessKey();
        }
        TrailEvent event = sandbox.state().events("us-east-1").get(0);
        assertThat(event.eventName()).isEqualTo("CreateAccessKey");
        assertThat(event.record().path("responseElements").path("accessKey").path("accessKeyId").asText())
                .startsWith("AKIA");
        assertThat(event.record().toString()).doesNotContain(secret).doesNotContain("secretAccessKey");
    }
}
