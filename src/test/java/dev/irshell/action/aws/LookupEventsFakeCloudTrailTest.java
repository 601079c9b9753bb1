package dev.irshell.action.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.AwsCall;
import dev.irshell.action.Params;
import dev.irshell.action.Severity;
import dev.irshell.testsupport.FakeCloudTrail;
import dev.irshell.testsupport.MotoServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;

/** cloudtrail.lookupEvents through the real SDK against {@link FakeCloudTrail}. */
class LookupEventsFakeCloudTrailTest {
    static final String KEY = "AKIAEXAMPLEKEY000001";
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final ActionContext CTX = new ActionContext("eu-west-1", MotoServer.ACCOUNT, "s-ct",
            Clock.fixed(NOW, ZoneOffset.UTC), ActionContext.Progress.NONE);

    FakeCloudTrail ct;
    RecordingListener listener = new RecordingListener();
    AwsClients clients;

    @BeforeEach
    void start() {
        ct = FakeCloudTrail.start();
        clients = new AwsClients(new AwsClients.Config(null, "eu-west-1", URI.create("http://127.0.0.1:9"),
                Map.of("cloudtrail", ct.endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoServer.ACCESS_KEY_ID, "secret")),
                false, "irshell-test", listener));
    }

    @AfterEach
    void stop() {
        clients.close();
        ct.close();
    }

    @Test
    void lookupByAccessKey_followsPages_parsesFields_andAddsUsEast1() {
        for (int i = 0; i < 60; i++) {
            ct.addEvent("eu-west-1", "DescribeInstances").at(NOW.minus(Duration.ofMinutes(100 + i))).user("mallory").accessKey(KEY);
        }
        ct.addEvent("eu-west-1", "RunInstances").id("run-1").at(NOW.minus(Duration.ofMinutes(10))).user("mallory")
                .accessKey(KEY).sourceIp("203.0.113.7").userAgent("boto3/1.34")
                .resource("AWS::EC2::Instance", "i-0abc12345678def00")
                .requestParameters("{\"instanceType\":\"p3.16xlarge\",\"minCount\":1}");
        ct.addEvent("us-east-1", "CreateAccessKey").at(NOW.minus(Duration.ofMinutes(5))).user("mallory").accessKey(KEY)
                .sourceIp("203.0.113.7");
        ct.addEvent("us-east-1", "ListUsers").at(NOW.minus(Duration.ofMinutes(6))).user("mallory").accessKey(KEY)
                .error("AccessDenied", "not authorized");
        ct.addEvent("eu-west-1", "RunInstances").at(NOW.minus(Duration.ofMinutes(1))).user("someone-else").accessKey("AKIAOTHERKEY00000001");
        ct.addEvent("eu-west-1", "TerminateInstances").at(NOW.minus(Duration.ofDays(100))).accessKey(KEY);

        ActionResult r = new LookupEventsAction(clients).execute(
                Params.of("attribute", "AccessKeyId", "value", KEY), CTX);

        JsonNode d = r.data();
        assertThat(d.get("count").asInt()).isEqualTo(63);
        assertThat(d.get("regionsSearched").toString()).contains("eu-west-1", "us-east-1");
        assertThat(d.get("truncated").asBoolean()).isFalse();
        JsonNode first = d.get("events").get(0);
        assertThat(first.get("eventName").asText()).isEqualTo("CreateAccessKey");
        assertThat(first.get("region").asText()).isEqualTo("us-east-1");
        assertThat(first.get("eventTime").asText()).isEqualTo("2026-11-20T11:55:00Z");
        JsonNode run = d.get("events").get(2);
        assertThat(run.get("eventId").asText()).isEqualTo("run-1");
        assertThat(run.get("sourceIp").asText()).isEqualTo("203.0.113.7");
        assertThat(run.get("userAgent").asText()).isEqualTo("boto3/1.34");
        assertThat(run.get("readOnly").asBoolean()).isFalse();
        assertThat(run.get("username").asText()).isEqualTo("mallory");
        assertThat(run.get("accessKeyId").asText()).isEqualTo(KEY);
        assertThat(run.get("userIdentityType").asText()).isEqualTo("IAMUser");
        assertThat(run.get("userIdentityArn").asText()).isEqualTo("arn:aws:iam::123456789012:user/mallory");
        assertThat(run.get("resources").get(0).get("name").asText()).isEqualTo("i-0abc12345678def00");
        assertThat(run.get("requestParameters").get("instanceType").asText()).isEqualTo("p3.16xlarge");
        assertThat(d.get("events").get(1).get("errorCode").asText()).isEqualTo("AccessDenied");
        assertThat(d.get("events").get(1).get("readOnly").asBoolean()).isTrue();

        // two pages in eu-west-1 with identical parameters, one in us-east-1
        assertThat(ct.requests("eu-west-1")).hasSize(2);
        JsonNode p1 = ct.requests("eu-west-1").get(0).body();
        JsonNode p2 = ct.requests("eu-west-1").get(1).body();
        assertThat(p2.get("NextToken").asText()).isNotBlank();
        assertThat(p2.get("LookupAttributes")).isEqualTo(p1.get("LookupAttributes"));
        assertThat(p2.get("StartTime")).isEqualTo(p1.get("StartTime"));
        assertThat(p1.get("MaxResults").asInt()).isEqualTo(50);
        assertThat(p1.get("LookupAttributes").get(0).get("AttributeKey").asText()).isEqualTo("AccessKeyId");
        assertThat(ct.requests("us-east-1")).hasSize(1);
        assertThat(ct.requests("us-east-1").get(0).userAgent()).contains("irshell-test");

        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.INFO && f.message().contains("us-east-1"));
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.CRITICAL && f.message().startsWith("RunInstances x1"));
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.CRITICAL && f.message().startsWith("CreateAccessKey x1"));
        assertThat(r.findings()).anyMatch(f -> f.message().contains("203.0.113.7"));
        assertThat(r.tables().get(0).columns()).containsExactly("Time", "Event", "User", "Access key", "Source IP", "Region", "Resources");
        assertThat(r.tables().get(0).highlighted()).containsExactlyInAnyOrder(0, 2);

        AwsCall call = listener.of("LookupEvents").get(0);
        assertThat(call.service()).isEqualTo("cloudtrail");
        assertThat(call.requestId()).isNotBlank();
        assertThat(call.request().get("LookupAttributes").get(0).get("AttributeValue").asText()).isEqualTo(KEY);
    }

    @Test
    void lookup_eventNamesFilter_andMaxEventsTruncation() {
        for (int i = 0; i < 30; i++) {
            ct.addEvent("eu-west-1", i % 3 == 0 ? "StopInstances" : "DescribeVolumes")
                    .at(NOW.minus(Duration.ofMinutes(i + 1))).resource("AWS::EC2::Instance", "i-0abc12345678def00");
        }

        ActionResult r = new LookupEventsAction(clients).execute(Params.of("attribute", "resourcename",
                "value", "i-0abc12345678def00", "eventNames", "StopInstances", "maxEvents", "20"), CTX);

        assertThat(r.data().get("events").findValuesAsText("eventName")).containsOnly("StopInstances").hasSize(7);
        assertThat(r.data().get("truncated").asBoolean()).isTrue();
        assertThat(r.data().get("regionsSearched").toString()).doesNotContain("us-east-1");
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().contains("stopped after 20"));
    }

    @Test
    void lookup_throttled_isRetriedBySdk() {
        ct.addEvent("eu-west-1", "StartInstances").at(NOW.minusSeconds(60)).resource("AWS::EC2::Instance", "i-0abc12345678def00");
        ct.failNext("eu-west-1", 400, "ThrottlingException", "Rate exceeded");

        ActionResult r = new LookupEventsAction(clients).execute(Params.of("attribute", "ResourceName",
                "value", "i-0abc12345678def00"), CTX);

        assertThat(r.data().get("count").asInt()).isEqualTo(1);
        assertThat(ct.requests("eu-west-1")).hasSize(2);
    }

    @Test
    void lookup_awsError_keepsCodeAndRequestId() {
        ct.failNext(null, 400, "InvalidTimeRangeException", "Start time must be before end time.");

        assertThatThrownBy(() -> new LookupEventsAction(clients).execute(Params.of("attribute", "EventName",
                "value", "RunInstances"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.AWS);
                    assertThat(f.errorCode()).isEqualTo("InvalidTimeRangeException");
                    assertThat(f.requestId()).isNotBlank();
                    assertThat(f.region()).isEqualTo("eu-west-1");
                });
    }

    @Test
    void fake_rejectsTwoLookupAttributes() {
        assertThatThrownBy(() -> clients.cloudTrail("eu-west-1").lookupEvents(b -> b.lookupAttributes(
                LookupAttribute.builder().attributeKey(LookupAttributeKey.USERNAME).attributeValue("a").build(),
                LookupAttribute.builder().attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("b").build())))
                .hasMessageContaining("more than one lookup attribute")
                .isInstanceOf(software.amazon.awssdk.services.cloudtrail.model.InvalidLookupAttributesException.class);
    }
}
