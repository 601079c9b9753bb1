package dev.irshell.action.aws;

import static dev.irshell.action.aws.FakeClients.ACCOUNT;
import static dev.irshell.action.aws.FakeClients.CTX;
import static dev.irshell.action.aws.FakeClients.NOW;
import static dev.irshell.action.aws.FakeClients.awsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import dev.irshell.action.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.ListFunctionsRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.ListLayersRequest;
import software.amazon.awssdk.services.lambda.model.ListLayersResponse;

/** Unit tests of cloudtrail.lookupEventNames and inventory.allRegions over mocked clients. */
class InvestigationRegionActionsTest {
    final FakeClients c = new FakeClients();
    final List<String> progress = new CopyOnWriteArrayList<>();
    final ActionContext ctx = new ActionContext("eu-west-1", ACCOUNT, "s-unit", Clock.fixed(NOW, ZoneOffset.UTC),
            (what, done, total) -> progress.add(what + " " + done + "/" + total));

    // --- cloudtrail.lookupEventNames ---

    private static Event event(String id, String name, Duration ago, String user, String identityType) {
        return Event.builder().eventId(id).eventName(name).eventTime(NOW.minus(ago)).readOnly("false")
                .username(user).accessKeyId("AKIAVICTIMKEY0000001").eventSource("iam.amazonaws.com")
                .cloudTrailEvent("{\"sourceIPAddress\":\"198.51.100.4\",\"awsRegion\":\"us-east-1\","
                        + "\"userIdentity\":{\"type\":\"" + identityType + "\",\"arn\":\"arn:aws:iam::1:user/" + user + "\"}}")
                .build();
    }

    private void events(String region, String name, LookupEventsResponse... pages) {
        for (int i = 0; i < pages.length; i++) {
            String token = i == 0 ? null : "t" + i;
            doReturn(pages[i]).when(c.cloudTrail(region)).lookupEvents(argThat((LookupEventsRequest r) -> r != null
                    && name.equals(r.lookupAttributes().get(0).attributeValue())
                    && java.util.Objects.equals(token, r.nextToken())));
        }
    }

    @Test
    void lookupEventNames_defaultsToIamSetInUsEast1_onePerName_followsPages_andFlags() {
        doReturn(LookupEventsResponse.builder().build()).when(c.cloudTrail("us-east-1")).lookupEvents(any(LookupEventsRequest.class));
        events("us-east-1", "CreateAccessKey",
                LookupEventsResponse.builder().events(event("e1", "CreateAccessKey", Duration.ofHours(1), "mallory", "IAMUser")).nextToken("t1").build(),
                LookupEventsResponse.builder().events(event("e2", "CreateAccessKey", Duration.ofHours(5), "alice", "IAMUser")).build());
        events("us-east-1", "AssumeRole", LookupEventsResponse.builder().events(
                event("e3", "AssumeRole", Duration.ofHours(2), "mallory", "IAMUser"),
                event("e4", "AssumeRole", Duration.ofHours(3), null, "AWSService")).build());
        events("us-east-1", "GetSessionToken", LookupEventsResponse.builder().events(
                event("e5", "GetSessionToken", Duration.ofHours(4), "svc", "AWSService")).build());

        ActionResult r = new LookupEventNamesAction(c).execute(Params.of(), ctx);

        ArgumentCaptor<LookupEventsRequest> req = ArgumentCaptor.forClass(LookupEventsRequest.class);
        verify(c.cloudTrail("us-east-1"), times(LookupEventNamesAction.DEFAULT_NAMES.size() + 1)).lookupEvents(req.capture());
        assertThat(c.cloudTrail).containsOnlyKeys("us-east-1");
        assertThat(req.getAllValues()).allSatisfy(q -> {
            assertThat(q.lookupAttributes()).singleElement().satisfies(a -> assertThat(a.attributeKeyAsString()).isEqualTo("EventName"));
            assertThat(q.startTime()).isEqualTo(NOW.minus(Duration.ofDays(90)));
            assertThat(q.endTime()).isEqualTo(NOW);
            assertThat(q.maxResults()).isEqualTo(50);
        });
        assertThat(req.getAllValues().stream().filter(q -> q.nextToken() == null).map(q -> q.lookupAttributes().get(0).attributeValue()))
                .containsExactlyElementsOf(LookupEventNamesAction.DEFAULT_NAMES);
        assertThat(LookupEventNamesAction.DEFAULT_NAMES).hasSize(19).contains("UpdateAssumeRolePolicy", "GetFederationToken");

        JsonNode d = r.data();
        assertThat(d.get("events").findValuesAsText("eventId")).containsExactly("e1", "e3", "e4", "e5", "e2");
        assertThat(d.get("events").get(0).get("sourceIp").asText()).isEqualTo("198.51.100.4");
        assertThat(d.get("events").get(0).get("userIdentityType").asText()).isEqualTo("IAMUser");
        assertThat(d.get("count").asInt()).isEqualTo(5);
        assertThat(d.get("byName").get("CreateAccessKey").asInt()).isEqualTo(2);
        assertThat(d.get("byName").get("AssumeRole").asInt()).isEqualTo(2);
        assertThat(d.get("byName").get("CreateUser").asInt()).isZero();
        assertThat(d.get("byName").size()).isEqualTo(19);
        assertThat(d.get("regionsSearched").toString()).isEqualTo("[\"us-east-1\"]");
        assertThat(d.get("regionsFailed")).isEmpty();

        assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.CRITICAL).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("CreateAccessKey x2 by alice, mallory, latest 2026-11-20T11:00:00Z"));
        assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.WARN).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("AssumeRole x1 by IAM user(s) mallory"));
        assertThat(progress).hasSize(19).last().asString().endsWith("19/19");
    }

    @Test
    void lookupEventNames_givenNamesAndRegions_clampsStart_andKeepsFailedRegionApart() {
        doReturn(LookupEventsResponse.builder().events(event("x1", "ConsoleLogin", Duration.ofDays(1), "bob", "IAMUser")).build())
                .when(c.cloudTrail("us-east-1")).lookupEvents(any(LookupEventsRequest.class));
        doThrow(awsError("OptInRequired", "not subscribed", 400, "oi")).when(c.cloudTrail("ap-east-1")).lookupEvents(any(LookupEventsRequest.class));

        Params p = Params.of("eventNames", "ConsoleLogin, CreateUser", "regions", "us-east-1,ap-east-1",
                "start", "2020-01-01T00:00:00Z");
        Plan plan = new LookupEventNamesAction(c).plan(p, ctx);
        ActionResult r = new LookupEventNamesAction(c).execute(p, ctx);

        assertThat(plan.calls()).hasSize(4).extracting(PlannedCall::region).containsExactly("us-east-1", "us-east-1", "ap-east-1", "ap-east-1");
        verify(c.cloudTrail("us-east-1"), times(2)).lookupEvents(any(LookupEventsRequest.class));
        assertThat(r.data().get("byName").toString()).isEqualTo("{\"ConsoleLogin\":1,\"CreateUser\":0}");
        assertThat(r.data().get("events")).hasSize(1); // the same event id from both queries is kept once
        assertThat(r.data().get("regionsFailed").get(0).get("region").asText()).isEqualTo("ap-east-1");
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.INFO && f.message().contains("90 days"));
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().contains("ap-east-1 (OptInRequired)"));
    }

    @Test
    void lookupEventNames_deniedEverywhere_isAccessDenied() {
        doThrow(awsError("AccessDeniedException", "no", 400, "ad")).when(c.cloudTrail("us-east-1")).lookupEvents(any(LookupEventsRequest.class));
        assertThatThrownBy(() -> new LookupEventNamesAction(c).execute(Params.of(), ctx))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.ACCESS_DENIED);
                    assertThat(f.missingPermission()).isEqualTo("cloudtrail:LookupEvents");
                });
    }

    // --- inventory.allRegions ---

    private void emptyRegion(String region) {
        Ec2Client ec2 = c.ec2(region);
        doReturn(DescribeInstancesResponse.builder().build()).when(ec2).describeInstances(any(DescribeInstancesRequest.class));
        doReturn(DescribeImagesResponse.builder().build()).when(ec2).describeImages(any(DescribeImagesRequest.class));
        doReturn(DescribeVolumesResponse.builder().build()).when(ec2).describeVolumes(any(DescribeVolumesRequest.class));
        doReturn(DescribeSnapshotsResponse.builder().build()).when(ec2).describeSnapshots(any(DescribeSnapshotsRequest.class));
        LambdaClient l = c.lambda(region);
        doReturn(ListFunctionsResponse.builder().build()).when(l).listFunctions(any(ListFunctionsRequest.class));
        doReturn(ListLayersResponse.builder().build()).when(l).listLayers(any(ListLayersRequest.class));
    }

    private static Instance instance(String id, String type, String state, Duration age) {
        return Instance.builder().instanceId(id).instanceType(type).state(s -> s.name(state)).launchTime(NOW.minus(age))
                .imageId("ami-1").keyName("k").tags(t -> t.key("Name").value("n-" + id)).build();
    }

    @Test
    void inventory_everyEnabledRegion_allTypesPaginated_notOptedInReported_failedRegionKeptApart() {
        c.regions("us-east-1", "eu-west-1", "sa-east-1");
        c.regions.add(new AwsClients.RegionInfo("ap-east-1", "not-opted-in"));
        emptyRegion("us-east-1");
        emptyRegion("eu-west-1");
        Ec2Client us = c.ec2("us-east-1");
        doReturn(DescribeInstancesResponse.builder().reservations(r -> r.instances(instance("i-old", "t3.micro", "stopped", Duration.ofDays(300))))
                .nextToken("n2").build()).when(us).describeInstances(argThat((DescribeInstancesRequest r) -> r != null && r.nextToken() == null));
        doReturn(DescribeInstancesResponse.builder().reservations(r -> r.instances(instance("i-new", "t3.micro", "running", Duration.ofDays(300))))
                .build()).when(us).describeInstances(argThat((DescribeInstancesRequest r) -> r != null && "n2".equals(r.nextToken())));
        doReturn(DescribeVolumesResponse.builder().volumes(v -> v.volumeId("vol-big").size(2000).volumeType("gp3").state("available")
                .createTime(NOW.minus(Duration.ofDays(400)))).build()).when(us).describeVolumes(any(DescribeVolumesRequest.class));
        Ec2Client eu = c.ec2("eu-west-1");
        doReturn(DescribeInstancesResponse.builder().reservations(r -> r.instances(instance("i-miner", "p3.16xlarge", "running", Duration.ofHours(3))))
                .build()).when(eu).describeInstances(any(DescribeInstancesRequest.class));
        doReturn(DescribeImagesResponse.builder().images(i -> i.imageId("ami-new").name("golden").state("available")
                .creationDate("2026-11-20T06:00:00.000Z")).build()).when(eu).describeImages(any(DescribeImagesRequest.class));
        doReturn(DescribeSnapshotsResponse.builder().snapshots(s -> s.snapshotId("snap-1").volumeId("vol-1").volumeSize(8)
                .state("completed").startTime(NOW.minus(Duration.ofHours(2)))).build()).when(eu).describeSnapshots(any(DescribeSnapshotsRequest.class));
        LambdaClient euL = c.lambda("eu-west-1");
        doReturn(ListFunctionsResponse.builder().functions(FunctionConfiguration.builder().functionName("f1").memorySize(10240)
                .timeout(900).runtime("python3.12").lastModified("2026-11-20T07:00:00.000+0000").build()).nextMarker("m2").build())
                .when(euL).listFunctions(argThat((ListFunctionsRequest r) -> r != null && r.marker() == null));
        doReturn(ListFunctionsResponse.builder().functions(FunctionConfiguration.builder().functionName("f2").memorySize(128)
                .timeout(3).lastModified("2026-11-20T08:00:00.000+0000").build()).build())
                .when(euL).listFunctions(argThat((ListFunctionsRequest r) -> r != null && "m2".equals(r.marker())));
        doReturn(ListLayersResponse.builder().layers(l -> l.layerName("deps").layerArn("arn:layer:deps")
                .latestMatchingVersion(v -> v.version(3L).createdDate("2026-11-20T05:00:00.000+0000").layerVersionArn("arn:layer:deps:3")))
                .build()).when(euL).listLayers(any(ListLayersRequest.class));
        doThrow(awsError("AuthFailure", "AWS was not able to validate the provided access credentials", 401, "af"))
                .when(c.ec2("sa-east-1")).describeInstances(any(DescribeInstancesRequest.class));

        ActionResult r = new InventoryAllRegionsAction(c, 2, Duration.ofMinutes(1))
                .execute(Params.of("windowStart", "2026-11-19T00:00:00Z"), ctx);

        ArgumentCaptor<DescribeImagesRequest> img = ArgumentCaptor.forClass(DescribeImagesRequest.class);
        verify(eu).describeImages(img.capture());
        assertThat(img.getValue().owners()).containsExactly("self");
        ArgumentCaptor<DescribeSnapshotsRequest> snap = ArgumentCaptor.forClass(DescribeSnapshotsRequest.class);
        verify(eu).describeSnapshots(snap.capture());
        assertThat(snap.getValue().ownerIds()).containsExactly("self");
        ArgumentCaptor<DescribeInstancesRequest> inst = ArgumentCaptor.forClass(DescribeInstancesRequest.class);
        verify(us, times(2)).describeInstances(inst.capture());
        assertThat(inst.getAllValues().get(0).filters()).isEmpty(); // every state
        verify(c.ec2("sa-east-1"), never()).describeVolumes(any(DescribeVolumesRequest.class));
        assertThat(c.ec2).doesNotContainKey("ap-east-1");

        JsonNode d = r.data();
        assertThat(d.get("regions").toString()).contains(
                "{\"region\":\"ap-east-1\",\"status\":\"not-opted-in\",\"error\":null}",
                "{\"region\":\"us-east-1\",\"status\":\"ok\",\"error\":null}");
        JsonNode sa = d.get("regions").get(2); // sorted by name
        assertThat(sa.get("region").asText()).isEqualTo("sa-east-1");
        assertThat(sa.get("status").asText()).isEqualTo("failed");
        assertThat(sa.get("error").asText()).contains("AuthFailure");
        assertThat(d.get("countsByRegion").toString()).isEqualTo("{\"eu-west-1\":6,\"sa-east-1\":0,\"us-east-1\":3}");
        assertThat(d.get("resources").findValuesAsText("id"))
                .containsExactly("i-miner", "ami-new", "snap-1", "f1", "f2", "deps", "i-new", "i-old", "vol-big");
        JsonNode miner = d.get("resources").get(0);
        assertThat(miner.get("type").asText()).isEqualTo("instance");
        assertThat(miner.get("size").asText()).isEqualTo("p3.16xlarge");
        assertThat(miner.get("state").asText()).isEqualTo("running");
        assertThat(miner.get("name").asText()).isEqualTo("n-i-miner");
        assertThat(miner.get("created").asText()).isEqualTo("2026-11-20T09:00:00Z");
        assertThat(miner.get("new").asBoolean()).isTrue();
        assertThat(d.get("resources").get(3).get("size").asText()).isEqualTo("10240 MB");
        assertThat(d.get("resources").get(3).get("created").asText()).isEqualTo("2026-11-20T07:00:00Z");
        assertThat(d.get("resources").get(5).get("created").asText()).isEqualTo("2026-11-20T05:00:00Z");
        assertThat(d.get("resources").get(8).get("size").asText()).isEqualTo("2000 GiB");

        assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.CRITICAL).hasSize(6);
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().startsWith("every resource in eu-west-1 (6)"));
        assertThat(r.findings()).noneMatch(f -> f.message().startsWith("every resource in us-east-1"));
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().startsWith("p3.16xlarge is a GPU"));
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().startsWith("vol-big is 2000 GiB"));
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().startsWith("f1 has 10240 MB of memory and a 900 s timeout"));
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().contains("could not be fully listed: sa-east-1"));
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.INFO && f.message().contains("ap-east-1"));
        assertThat(r.tables().get(0).rows().get(0).subList(0, 3)).containsExactly("eu-west-1", "instance", "i-miner");
        assertThat(progress).hasSize(3).last().asString().endsWith("3/3");
    }

    @Test
    void inventory_oneListingDenied_keepsTheOthers_andEverythingDeniedIsAccessDenied() {
        c.regions("us-east-1");
        emptyRegion("us-east-1");
        doReturn(DescribeInstancesResponse.builder().reservations(r -> r.instances(instance("i-1", "m5.large", "running", Duration.ofDays(9))))
                .build()).when(c.ec2("us-east-1")).describeInstances(any(DescribeInstancesRequest.class));
        doThrow(awsError("AccessDeniedException", "no lambda", 403, "l1")).when(c.lambda("us-east-1")).listFunctions(any(ListFunctionsRequest.class));

        ActionResult r = new InventoryAllRegionsAction(c).execute(Params.of(), ctx);

        assertThat(r.data().get("resources").findValuesAsText("id")).containsExactly("i-1");
        assertThat(r.data().get("regions").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(r.data().get("regions").get(0).get("error").asText()).contains("lambda:ListFunctions");
        assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.CRITICAL);

        FakeClients denied = new FakeClients().regions("us-east-1");
        doThrow(awsError("UnauthorizedOperation", "You are not authorized", 403, "ua"))
                .when(denied.ec2("us-east-1")).describeInstances(any(DescribeInstancesRequest.class));
        doThrow(awsError("UnauthorizedOperation", "You are not authorized", 403, "ua"))
                .when(denied.ec2("us-east-1")).describeImages(any(DescribeImagesRequest.class));
        doThrow(awsError("UnauthorizedOperation", "You are not authorized", 403, "ua"))
                .when(denied.ec2("us-east-1")).describeVolumes(any(DescribeVolumesRequest.class));
        doThrow(awsError("UnauthorizedOperation", "You are not authorized", 403, "ua"))
                .when(denied.ec2("us-east-1")).describeSnapshots(any(DescribeSnapshotsRequest.class));
        doThrow(awsError("AccessDeniedException", "no", 403, "l"))
                .when(denied.lambda("us-east-1")).listFunctions(any(ListFunctionsRequest.class));
        doThrow(awsError("AccessDeniedException", "no", 403, "l"))
                .when(denied.lambda("us-east-1")).listLayers(any(ListLayersRequest.class));
        assertThatThrownBy(() -> new InventoryAllRegionsAction(denied).execute(Params.of(), ctx))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.ACCESS_DENIED);
                    assertThat(f.missingPermission()).isEqualTo("ec2:DescribeInstances");
                });
    }

    @Test
    void inventory_regionThatNeverAnswers_isFailedAsTimedOut_restKept() throws Exception {
        c.regions("us-east-1", "me-south-1");
        emptyRegion("us-east-1");
        CountDownLatch never = new CountDownLatch(1);
        doAnswer(inv -> {
            never.await();
            return DescribeInstancesResponse.builder().build();
        }).when(c.ec2("me-south-1")).describeInstances(any(DescribeInstancesRequest.class));
        try {
            ActionResult r = new InventoryAllRegionsAction(c, 2, Duration.ofMillis(300)).execute(Params.of(), ctx);
            JsonNode me = r.data().get("regions").get(0); // sorted by name
            assertThat(me.get("region").asText()).isEqualTo("me-south-1");
            assertThat(me.get("status").asText()).isEqualTo("failed");
            assertThat(me.get("error").asText()).contains("no answer from me-south-1");
            assertThat(r.data().get("regions").get(1).get("status").asText()).isEqualTo("ok");
        } finally {
            never.countDown();
        }
    }

    @Test
    void inventory_unusualSizes_andPlan() {
        assertThat(InventoryAllRegionsAction.unusualInstanceType("g4dn.xlarge")).isTrue();
        assertThat(InventoryAllRegionsAction.unusualInstanceType("inf2.xlarge")).isTrue();
        assertThat(InventoryAllRegionsAction.unusualInstanceType("trn1.2xlarge")).isTrue();
        assertThat(InventoryAllRegionsAction.unusualInstanceType("f1.2xlarge")).isTrue();
        assertThat(InventoryAllRegionsAction.unusualInstanceType("c5.18xlarge")).isTrue();
        assertThat(InventoryAllRegionsAction.unusualInstanceType("m5.16xlarge")).isTrue();
        assertThat(InventoryAllRegionsAction.unusualInstanceType("m5.metal")).isTrue();
        assertThat(InventoryAllRegionsAction.unusualInstanceType("c6g.12xlarge")).isFalse();
        assertThat(InventoryAllRegionsAction.unusualInstanceType("t4g.micro")).isFalse();
        assertThat(InventoryAllRegionsAction.unusualInstanceType(null)).isFalse();
        assertThat(InventoryAllRegionsAction.parseTime("2018-11-27T15:10:45.123+0000")).isEqualTo("2018-11-27T15:10:45.123Z");
        assertThat(InventoryAllRegionsAction.parseTime("bogus")).isNull();
        Plan plan = new InventoryAllRegionsAction(c).plan(Params.of(), CTX);
        assertThat(plan.calls()).extracting(PlannedCall::operation).containsExactly("DescribeRegions", "DescribeInstances",
                "DescribeImages", "DescribeVolumes", "DescribeSnapshots", "ListFunctions", "ListLayers");
        assertThatThrownBy(() -> new InventoryAllRegionsAction(c).plan(Params.of("windowStart", "yesterday"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.kind()).isEqualTo(ActionFailure.Kind.INVALID_PARAM));
    }
}
