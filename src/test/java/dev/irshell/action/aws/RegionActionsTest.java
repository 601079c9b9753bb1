package dev.irshell.action.aws;

import static dev.irshell.action.aws.FakeClients.CTX;
import static dev.irshell.action.aws.FakeClients.NOW;
import static dev.irshell.action.aws.FakeClients.awsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.irshell.action.Action;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import dev.irshell.action.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;

/** Unit tests of the region-sweeping actions (findInstance, lookupEvents) and of the catalogue list. */
class RegionActionsTest {
    static final String ID = "i-0abc12345678def00";
    final FakeClients c = new FakeClients().regions("us-east-1", "eu-west-1", "ap-south-1", "sa-east-1");

    private void notThere(String region) {
        doThrow(awsError("InvalidInstanceID.NotFound", "The instance ID '" + ID + "' does not exist", 400, "nf-" + region))
                .when(c.ec2(region)).describeInstances(any(DescribeInstancesRequest.class));
    }

    private void there(String region, String type) {
        Instance i = Instance.builder().instanceId(ID).instanceType(type).state(s -> s.name("running"))
                .launchTime(NOW.minus(Duration.ofHours(2))).imageId("ami-1").keyName("attacker")
                .privateIpAddress("10.0.0.5").publicIpAddress("203.0.113.9").vpcId("vpc-1").subnetId("subnet-1")
                .tags(t -> t.key("Name").value("x")).build();
        doReturn(DescribeInstancesResponse.builder().reservations(r -> r.instances(i)).build())
                .when(c.ec2(region)).describeInstances(any(DescribeInstancesRequest.class));
    }

    // --- ec2.findInstance ---

    @Test
    void findInstance_searchesDefaultFirst_thenOthers_skipsFailingRegions() {
        notThere("us-east-1");
        notThere("eu-west-1");
        there("ap-south-1", "c5.24xlarge");
        doThrow(awsError("AuthFailure", "AWS was not able to validate the provided access credentials", 401, "af"))
                .when(c.ec2("sa-east-1")).describeInstances(any(DescribeInstancesRequest.class));

        ActionResult r = new FindInstanceAction(c, 2).execute(Params.of("instanceId", ID), CTX);

        ArgumentCaptor<DescribeInstancesRequest> req = ArgumentCaptor.forClass(DescribeInstancesRequest.class);
        verify(c.ec2("ap-south-1")).describeInstances(req.capture());
        assertThat(req.getValue().instanceIds()).containsExactly(ID);
        assertThat(r.data().get("region").asText()).isEqualTo("ap-south-1");
        assertThat(r.data().get("keyName").asText()).isEqualTo("attacker");
        assertThat(r.data().get("launchTime").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(r.data().get("publicIp").asText()).isEqualTo("203.0.113.9");
        assertThat(r.data().get("regionsSearched").get(0).asText()).isEqualTo("us-east-1");
        assertThat(r.data().get("regionsSearched")).hasSize(3);
        assertThat(r.data().get("regionsFailed").get(0).get("region").asText()).isEqualTo("sa-east-1");
        assertThat(r.data().get("regionsFailed").get(0).get("error").asText()).contains("AuthFailure");
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().contains("c5.24xlarge"));
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().contains("could not be searched"));
    }

    @Test
    void findInstance_foundInDefaultRegion_asksNoOther() {
        there("us-east-1", "t3.micro");

        ActionResult r = new FindInstanceAction(c).execute(Params.of("instanceId", ID), CTX);

        assertThat(r.data().get("regionsSearched")).hasSize(1);
        assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.WARN);
        verify(c.ec2("eu-west-1"), never()).describeInstances(any(DescribeInstancesRequest.class));
    }

    @Test
    void findInstance_nowhere_isNotFoundWithAdvice() {
        for (String r : List.of("us-east-1", "eu-west-1", "ap-south-1", "sa-east-1")) {
            notThere(r);
        }
        assertThatThrownBy(() -> new FindInstanceAction(c).execute(Params.of("instanceId", ID), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.NOT_FOUND);
                    assertThat(f.getMessage()).contains("not found in any of 4 enabled regions", "check the id");
                });
    }

    @Test
    void findInstance_accessDeniedInDefaultRegion_failsAtOnce() {
        doThrow(awsError("UnauthorizedOperation", "You are not authorized", 403, "ua"))
                .when(c.ec2("us-east-1")).describeInstances(any(DescribeInstancesRequest.class));
        assertThatThrownBy(() -> new FindInstanceAction(c).execute(Params.of("instanceId", ID), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.ACCESS_DENIED);
                    assertThat(f.missingPermission()).isEqualTo("ec2:DescribeInstances");
                    assertThat(f.requestId()).isEqualTo("ua");
                });
    }

    @Test
    void findInstance_validatesId_andPlansCalls() {
        assertThatThrownBy(() -> new FindInstanceAction(c).execute(Params.of("instanceId", "i-XYZ"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.kind()).isEqualTo(ActionFailure.Kind.INVALID_PARAM));
        Plan plan = new FindInstanceAction(c).plan(Params.of("instanceId", ID), CTX);
        assertThat(plan.calls()).extracting(PlannedCall::operation)
                .containsExactly("DescribeRegions", "DescribeInstances", "DescribeInstances");
        assertThat(plan.calls().get(1).region()).isEqualTo("us-east-1");
        Plan given = new FindInstanceAction(c).plan(Params.of("instanceId", ID, "regions", "eu-west-1,us-east-1"), CTX);
        assertThat(given.calls()).extracting(PlannedCall::region).containsExactly("us-east-1", "eu-west-1");
    }

    @Test
    void isLarge_recognisesGpuMemoryMetalAndHugeSizes() {
        assertThat(FindInstanceAction.isLarge("p4d.24xlarge")).isTrue();
        assertThat(FindInstanceAction.isLarge("g5.xlarge")).isTrue();
        assertThat(FindInstanceAction.isLarge("x2idn.16xlarge")).isTrue();
        assertThat(FindInstanceAction.isLarge("m5.metal")).isTrue();
        assertThat(FindInstanceAction.isLarge("c5.24xlarge")).isTrue();
        assertThat(FindInstanceAction.isLarge("c5.18xlarge")).isFalse();
        assertThat(FindInstanceAction.isLarge("t4g.micro")).isFalse();
    }

    // --- cloudtrail.lookupEvents ---

    private static Event event(String id, String name, Duration ago, String readOnly, String json) {
        return Event.builder().eventId(id).eventName(name).eventTime(NOW.minus(ago)).readOnly(readOnly)
                .username("mallory").accessKeyId("AKIAVICTIMKEY0000001").eventSource("ec2.amazonaws.com")
                .resources(r -> r.resourceType("AWS::EC2::Instance").resourceName(ID))
                .cloudTrailEvent(json).build();
    }

    @Test
    void lookupEvents_pagesWithIdenticalParams_mergesRegions_andParsesDetail() {
        String detail = "{\"sourceIPAddress\":\"203.0.113.7\",\"userAgent\":\"boto3\",\"awsRegion\":\"eu-west-1\","
                + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::1:user/mallory\"},"
                + "\"requestParameters\":{\"instanceType\":\"p3.2xlarge\"}}";
        doReturn(LookupEventsResponse.builder().events(event("e1", "RunInstances", Duration.ofMinutes(10), "false", detail))
                .nextToken("t1").build())
                .when(c.cloudTrail("eu-west-1")).lookupEvents(org.mockito.ArgumentMatchers.<LookupEventsRequest>argThat(
                        r -> r != null && r.nextToken() == null));
        doReturn(LookupEventsResponse.builder().events(event("e0", "DescribeInstances", Duration.ofMinutes(30), "true", "{}")).build())
                .when(c.cloudTrail("eu-west-1")).lookupEvents(org.mockito.ArgumentMatchers.<LookupEventsRequest>argThat(
                        r -> r != null && "t1".equals(r.nextToken())));
        doReturn(LookupEventsResponse.builder().events(event("e2", "CreateUser", Duration.ofMinutes(5), "false",
                "{\"awsRegion\":\"us-east-1\",\"errorCode\":\"AccessDenied\"}")).build())
                .when(c.cloudTrail("us-east-1")).lookupEvents(any(LookupEventsRequest.class));

        ActionResult r = new LookupEventsAction(c).execute(Params.of("attribute", "Username", "value", "mallory",
                "region", "eu-west-1", "start", "2026-11-01T00:00:00Z"), CTX);

        ArgumentCaptor<LookupEventsRequest> req = ArgumentCaptor.forClass(LookupEventsRequest.class);
        verify(c.cloudTrail("eu-west-1"), org.mockito.Mockito.times(2)).lookupEvents(req.capture());
        LookupEventsRequest p1 = req.getAllValues().get(0);
        LookupEventsRequest p2 = req.getAllValues().get(1);
        assertThat(p1.lookupAttributes()).singleElement().satisfies(a -> {
            assertThat(a.attributeKeyAsString()).isEqualTo("Username");
            assertThat(a.attributeValue()).isEqualTo("mallory");
        });
        assertThat(p1.maxResults()).isEqualTo(50);
        assertThat(p1.startTime()).isEqualTo(java.time.Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(p1.endTime()).isEqualTo(NOW);
        assertThat(p2.toBuilder().nextToken(null).build()).isEqualTo(p1);

        assertThat(r.data().get("events").findValuesAsText("eventId")).containsExactly("e2", "e1", "e0");
        assertThat(r.data().get("events").get(1).get("sourceIp").asText()).isEqualTo("203.0.113.7");
        assertThat(r.data().get("events").get(1).get("requestParameters").get("instanceType").asText()).isEqualTo("p3.2xlarge");
        assertThat(r.data().get("events").get(1).get("userIdentityArn").asText()).isEqualTo("arn:aws:iam::1:user/mallory");
        assertThat(r.data().get("events").get(0).get("errorCode").asText()).isEqualTo("AccessDenied");
        assertThat(r.data().get("events").get(2).get("readOnly").asBoolean()).isTrue();
        assertThat(r.data().get("count").asInt()).isEqualTo(3);
        assertThat(r.data().get("regionsSearched").toString()).contains("eu-west-1", "us-east-1");
        assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.CRITICAL).extracting(f -> f.message().split(":")[0])
                .containsExactly("CreateUser x1", "RunInstances x1");
        assertThat(r.findings()).anyMatch(f -> f.message().startsWith("2 write event(s): CreateUser, RunInstances"));
        assertThat(r.tables().get(0).highlighted()).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void lookupEvents_validation_clampsStart_rejectsBadInput() {
        LookupEventsAction a = new LookupEventsAction(c);
        assertThatThrownBy(() -> a.plan(Params.of("attribute", "Bogus", "value", "x"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.getMessage()).contains("EventId", "AccessKeyId"));
        assertThatThrownBy(() -> a.plan(Params.of("attribute", "EventName", "value", "x",
                "start", "2026-11-20T00:00:00Z", "end", "2026-11-19T00:00:00Z"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.kind()).isEqualTo(ActionFailure.Kind.INVALID_PARAM));
        assertThatThrownBy(() -> a.plan(Params.of("attribute", "EventName", "value", "x", "allRegions", "maybe"), CTX))
                .isInstanceOf(ActionFailure.class);

        doReturn(LookupEventsResponse.builder().build()).when(c.cloudTrail("us-east-1")).lookupEvents(any(LookupEventsRequest.class));
        ActionResult r = a.execute(Params.of("attribute", "EventName", "value", "RunInstances",
                "start", "2025-01-01T00:00:00Z"), CTX);
        ArgumentCaptor<LookupEventsRequest> req = ArgumentCaptor.forClass(LookupEventsRequest.class);
        verify(c.cloudTrail("us-east-1")).lookupEvents(req.capture());
        assertThat(req.getValue().startTime()).isEqualTo(NOW.minus(Duration.ofDays(90)));
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.INFO && f.message().contains("90 days"));
        assertThat(r.data().get("count").asInt()).isZero();
    }

    @Test
    void lookupEvents_allRegions_plansAndSweepsEveryEnabledRegion_reportingFailures() {
        for (String region : List.of("us-east-1", "eu-west-1", "ap-south-1")) {
            doReturn(LookupEventsResponse.builder().build()).when(c.cloudTrail(region)).lookupEvents(any(LookupEventsRequest.class));
        }
        doThrow(awsError("AccessDeniedException", "no", 400, "ad")).when(c.cloudTrail("sa-east-1"))
                .lookupEvents(any(LookupEventsRequest.class));
        LookupEventsAction a = new LookupEventsAction(c);
        Params p = Params.of("attribute", "AccessKeyId", "value", "AKIAVICTIMKEY0000001", "allRegions", "true");

        Plan plan = a.plan(p, CTX);
        ActionResult r = a.execute(p, CTX);

        assertThat(plan.calls()).extracting(PlannedCall::operation).containsExactly("DescribeRegions", "LookupEvents");
        assertThat(r.data().get("regionsSearched")).hasSize(3);
        assertThat(r.data().get("regionsFailed").get(0).get("region").asText()).isEqualTo("sa-east-1");
        assertThat(r.findings()).noneMatch(f -> f.message().contains("also searched us-east-1"));
    }

    @Test
    void lookupEvents_everyRegionFails_throwsTheFailure() {
        doThrow(awsError("AccessDeniedException", "no", 400, "ad")).when(c.cloudTrail("us-east-1"))
                .lookupEvents(any(LookupEventsRequest.class));
        assertThatThrownBy(() -> new LookupEventsAction(c).execute(Params.of("attribute", "EventName", "value", "X"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.ACCESS_DENIED);
                    assertThat(f.missingPermission()).isEqualTo("cloudtrail:LookupEvents");
                });
    }

    // --- catalogue ---

    @Test
    void awsActions_allInOrder_withPreciseSpecs() {
        assertThat(AwsActions.all(c)).extracting(a -> a.spec().name()).as("procedure 001's, then 000's investigation and containment")
                .startsWith("sts.whoami").contains("iam.credentialReport", "iam.deleteUser").doesNotHaveDuplicates()
                .hasSize(AwsActions.procedure001(c).size() + InvestigationActions.all(c).size() + ContainmentActions.all(c).size());
        List<Action> all = AwsActions.procedure001(c);
        assertThat(all).extracting(a -> a.spec().name()).containsExactly("sts.whoami", "ec2.findInstance",
                "cloudtrail.lookupEvents", "iam.accessKeyOwner", "iam.listAccessKeys", "iam.disableConsoleAccess",
                "iam.createAccessKey", "iam.deactivateAccessKey", "iam.reactivateAccessKey", "iam.deleteAccessKey");
        new dev.irshell.action.ActionCatalogue(all); // names are unique
        for (Action a : all) {
            ActionSpec s = a.spec();
            assertThat(s.iamActions()).as(s.name()).isNotEmpty().allMatch(x -> x.matches("^(iam|sts|ec2|cloudtrail):[A-Z]\\w+$"));
            if (s.effect() == dev.irshell.action.Effect.DESTROY) {
                assertThat(s.targetParam()).as(s.name()).isNotNull();
                assertThat(s.param(s.targetParam())).as(s.name()).isPresent();
            }
            if (s.undoAction() != null) {
                assertThat(all).as(s.name()).anyMatch(o -> o.spec().name().equals(s.undoAction()));
            }
        }
        assertThat(all.get(1).spec().iamActions()).contains("ec2:DescribeRegions");
    }
}
