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

import com.fasterxml.jackson.databind.JsonNode;
import dev.irshell.action.Action;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import dev.irshell.action.Undo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.GetPolicyRequest;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;

/** Unit tests of the EC2 and Lambda containment actions, and of the ContainmentActions catalogue. */
class ContainmentEc2LambdaActionsTest {
    static final String ID = "i-0123456789abcdef0";
    static final String REGION = "eu-west-1";
    final FakeClients c = new FakeClients();
    final Ec2Client ec2 = c.ec2(REGION);
    final List<Duration> slept = new ArrayList<>();
    final List<String> progress = new ArrayList<>();
    final ActionContext ctx = new ActionContext("us-east-1", FakeClients.ACCOUNT, "s-unit", CTX.clock(),
            (what, done, total) -> progress.add(done + "/" + total));

    static SnapshotInfo created(String snap, String vol) {
        return SnapshotInfo.builder().snapshotId(snap).volumeId(vol).state(SnapshotState.PENDING).volumeSize(8)
                .startTime(NOW).progress("0%").build();
    }

    static Snapshot snapshot(String snap, String vol, SnapshotState state) {
        return Snapshot.builder().snapshotId(snap).volumeId(vol).state(state).volumeSize(8).startTime(NOW)
                .progress(state == SnapshotState.COMPLETED ? "100%" : "40%").stateMessage(state == SnapshotState.ERROR ? "internal error" : null)
                .build();
    }

    static DescribeSnapshotsResponse snapshots(Snapshot... s) {
        return DescribeSnapshotsResponse.builder().snapshots(s).build();
    }

    // ------------------------------------------------------------------ ec2.snapshotInstance

    @Test
    void snapshotInstance_tagsAndDescribes_thenPollsUntilCompleted_withoutRealSleeping() {
        doReturn(CreateSnapshotsResponse.builder().snapshots(created("snap-1", "vol-1"), created("snap-2", "vol-2")).build())
                .when(ec2).createSnapshots(any(CreateSnapshotsRequest.class));
        doReturn(snapshots(snapshot("snap-1", "vol-1", SnapshotState.PENDING), snapshot("snap-2", "vol-2", SnapshotState.COMPLETED)))
                .doReturn(snapshots(snapshot("snap-1", "vol-1", SnapshotState.COMPLETED), snapshot("snap-2", "vol-2", SnapshotState.COMPLETED)))
                .when(ec2).describeSnapshots(any(DescribeSnapshotsRequest.class));
        SnapshotInstanceAction a = new SnapshotInstanceAction(c, slept::add);

        ActionResult r = a.execute(Params.of("instanceId", ID, "region", REGION), ctx);

        ArgumentCaptor<CreateSnapshotsRequest> req = ArgumentCaptor.forClass(CreateSnapshotsRequest.class);
        verify(ec2).createSnapshots(req.capture());
        CreateSnapshotsRequest q = req.getValue();
        assertThat(q.instanceSpecification().instanceId()).isEqualTo(ID);
        assertThat(q.description()).isEqualTo("irshell evidence s-unit " + ID);
        assertThat(q.copyTagsFromSource()).isEqualTo(CopyTagsFromSource.VOLUME);
        assertThat(q.tagSpecifications()).singleElement().satisfies(t -> {
            assertThat(t.resourceType()).isEqualTo(ResourceType.SNAPSHOT);
            assertThat(t.tags()).extracting(Tag::key, Tag::value).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("irshell:session", "s-unit"),
                    org.assertj.core.groups.Tuple.tuple("irshell:instance", ID));
        });
        ArgumentCaptor<DescribeSnapshotsRequest> d = ArgumentCaptor.forClass(DescribeSnapshotsRequest.class);
        verify(ec2, org.mockito.Mockito.times(2)).describeSnapshots(d.capture());
        assertThat(d.getValue().snapshotIds()).containsExactly("snap-1", "snap-2");
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2)); // backoff: 1 s, 2 s, 4 s ... 15 s
        assertThat(progress).containsExactly("0/2", "1/2", "2/2");
        JsonNode data = r.data();
        assertThat(data.get("instanceId").asText()).isEqualTo(ID);
        assertThat(data.get("region").asText()).isEqualTo(REGION);
        assertThat(data.get("completed").asBoolean()).isTrue();
        assertThat(data.get("snapshots").findValuesAsText("snapshotId")).containsExactly("snap-1", "snap-2");
        assertThat(data.get("snapshots").findValuesAsText("state")).containsOnly("completed");
        assertThat(data.at("/snapshots/0/volumeId").asText()).isEqualTo("vol-1");
        assertThat(data.at("/snapshots/0/volumeSize").asInt()).isEqualTo(8);
        assertThat(data.at("/snapshots/0/startTime").asText()).isEqualTo("2026-11-20T12:00:00Z");
        assertThat(r.summary()).contains("no undo");
        assertThat(a.undo(Params.of(), r)).isEmpty();
        assertThat(a.spec().iamActions()).containsAll(Invocations.actions("ec2", ec2)).contains("ec2:CreateTags");
    }

    @Test
    void snapshotInstance_snapshotInError_fails_andNamesIt() {
        doReturn(CreateSnapshotsResponse.builder().snapshots(created("snap-1", "vol-1")).build())
                .when(ec2).createSnapshots(any(CreateSnapshotsRequest.class));
        doReturn(snapshots(snapshot("snap-1", "vol-1", SnapshotState.ERROR))).when(ec2).describeSnapshots(any(DescribeSnapshotsRequest.class));

        assertThatThrownBy(() -> new SnapshotInstanceAction(c, slept::add).execute(Params.of("instanceId", ID, "region", REGION), ctx))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.operation()).isEqualTo("DescribeSnapshots");
                    assertThat(f.region()).isEqualTo(REGION);
                    assertThat(f.getMessage()).contains("snap-1").contains("vol-1").contains("state error: internal error")
                            .contains("do not terminate");
                });
    }

    @Test
    void snapshotInstance_boundedWait_returnsNotCompleted_withAWarning() {
        doReturn(CreateSnapshotsResponse.builder().snapshots(created("snap-1", "vol-1")).build())
                .when(ec2).createSnapshots(any(CreateSnapshotsRequest.class));
        doReturn(snapshots(snapshot("snap-1", "vol-1", SnapshotState.PENDING))).when(ec2).describeSnapshots(any(DescribeSnapshotsRequest.class));

        ActionResult r = new SnapshotInstanceAction(c, slept::add)
                .execute(Params.of("instanceId", ID, "region", REGION, "waitMinutes", "1"), ctx);

        assertThat(slept).extracting(Duration::getSeconds).containsExactly(1L, 2L, 4L, 8L, 15L, 15L, 15L); // 60 s in all
        assertThat(r.data().get("completed").asBoolean()).isFalse();
        assertThat(r.data().at("/snapshots/0/state").asText()).isEqualTo("pending");
        assertThat(r.findings()).anyMatch(f -> f.message().contains("ec2.terminateInstance refuses"));

        ActionResult noWait = new SnapshotInstanceAction(c, slept::add)
                .execute(Params.of("instanceId", ID, "region", REGION, "waitMinutes", "0"), ctx);
        assertThat(noWait.data().get("completed").asBoolean()).isFalse();
        assertThat(slept).hasSize(7);
    }

    @Test
    void snapshotInstance_plan_needsARegion_andShowsTheCalls() {
        SnapshotInstanceAction a = new SnapshotInstanceAction(c, slept::add);
        Plan p = a.plan(Params.of("instanceId", ID, "region", REGION), ctx);

        assertThat(p.calls()).extracting(PlannedCall::operation).containsExactly("CreateSnapshots", "DescribeSnapshots");
        assertThat(p.calls()).allMatch(call -> call.region().equals(REGION) && call.service().equals("ec2"));
        assertThat(p.calls().get(0).parameters().at("/InstanceSpecification/InstanceId").asText()).isEqualTo(ID);
        assertThat(p.calls().get(0).parameters().at("/TagSpecifications/0/Tags/1/Value").asText()).isEqualTo(ID);
        assertThat(p.target()).isNull();
        assertThatThrownBy(() -> a.plan(Params.of("instanceId", ID), ctx))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.kind()).isEqualTo(ActionFailure.Kind.INVALID_PARAM));
        assertThatThrownBy(() -> a.plan(Params.of("instanceId", ID, "region", "mars-1"), ctx)).isInstanceOf(ActionFailure.class);
        assertThat(Invocations.actions("ec2", ec2)).isEmpty();
    }

    // ------------------------------------------------------------------ ec2.terminateInstance

    private void instanceWithVolumes(String... vols) {
        List<InstanceBlockDeviceMapping> maps = new ArrayList<>();
        for (int i = 0; i < vols.length; i++) {
            String v = vols[i];
            maps.add(InstanceBlockDeviceMapping.builder().deviceName("/dev/sd" + (char) ('a' + i))
                    .ebs(e -> e.volumeId(v).deleteOnTermination(true).status("attached")).build());
        }
        doReturn(DescribeInstancesResponse.builder().reservations(r -> r.instances(Instance.builder().instanceId(ID)
                .state(s -> s.name(InstanceStateName.RUNNING)).blockDeviceMappings(maps).build())).build())
                .when(ec2).describeInstances(any(DescribeInstancesRequest.class));
        doReturn(TerminateInstancesResponse.builder().terminatingInstances(s -> s.instanceId(ID)
                .previousState(p -> p.name(InstanceStateName.RUNNING)).currentState(p -> p.name(InstanceStateName.SHUTTING_DOWN))).build())
                .when(ec2).terminateInstances(any(TerminateInstancesRequest.class));
    }

    @Test
    void terminateInstance_withoutCompletedSnapshots_refuses_andSaysHowToProceed() {
        instanceWithVolumes("vol-1", "vol-2", "vol-3");
        doReturn(snapshots(snapshot("snap-1", "vol-1", SnapshotState.COMPLETED), snapshot("snap-2", "vol-2", SnapshotState.PENDING)))
                .when(ec2).describeSnapshots(any(DescribeSnapshotsRequest.class));

        assertThatThrownBy(() -> new TerminateInstanceAction(c).execute(Params.of("instanceId", ID, "region", REGION), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.operation()).isEqualTo("TerminateInstances");
                    assertThat(f.getMessage()).contains("refused to terminate " + ID).contains("2 of 3")
                            .contains("vol-2 (snap-2 is pending)").contains("vol-3 (no snapshot)").doesNotContain("vol-1 (")
                            .contains("ec2.snapshotInstance").contains("withoutSnapshotReason");
                });
        verify(ec2, never()).terminateInstances(any(TerminateInstancesRequest.class));
        ArgumentCaptor<DescribeSnapshotsRequest> d = ArgumentCaptor.forClass(DescribeSnapshotsRequest.class);
        verify(ec2).describeSnapshots(d.capture());
        assertThat(d.getValue().ownerIds()).containsExactly("self");
        assertThat(d.getValue().filters()).singleElement().satisfies(fl -> {
            assertThat(fl.name()).isEqualTo("tag:irshell:instance");
            assertThat(fl.values()).containsExactly(ID);
        });
    }

    @Test
    void terminateInstance_withEvidence_terminates_andReportsTheChecks() {
        instanceWithVolumes("vol-1");
        doReturn(snapshots(snapshot("snap-1", "vol-1", SnapshotState.COMPLETED))).when(ec2).describeSnapshots(any(DescribeSnapshotsRequest.class));
        TerminateInstanceAction a = new TerminateInstanceAction(c);

        ActionResult r = a.execute(Params.of("instanceId", ID, "region", REGION), CTX);

        assertThat(Invocations.actions("ec2", ec2)).containsExactly("ec2:DescribeInstances", "ec2:DescribeSnapshots",
                "ec2:TerminateInstances");
        JsonNode d = r.data();
        assertThat(d.get("instanceId").asText()).isEqualTo(ID);
        assertThat(d.get("region").asText()).isEqualTo(REGION);
        assertThat(d.get("previousState").asText()).isEqualTo("running");
        assertThat(d.get("currentState").asText()).isEqualTo("shutting-down");
        assertThat(d.at("/snapshotsChecked/0/volumeId").asText()).isEqualTo("vol-1");
        assertThat(d.at("/snapshotsChecked/0/snapshotId").asText()).isEqualTo("snap-1");
        assertThat(d.at("/snapshotsChecked/0/state").asText()).isEqualTo("completed");
        assertThat(d.get("overrideReason").isNull()).isTrue();
        assertThat(a.spec().iamActions()).containsExactlyElementsOf(Invocations.actions("ec2", ec2));
        assertThat(a.spec().effect()).isEqualTo(Effect.DESTROY);
        Plan p = a.plan(Params.of("instanceId", ID, "region", REGION), CTX);
        assertThat(p.target()).isEqualTo(ID);
        assertThat(p.calls()).extracting(PlannedCall::operation)
                .containsExactly("DescribeInstances", "DescribeSnapshots", "TerminateInstances");
        assertThat(p.calls()).allMatch(call -> call.region().equals(REGION));
    }

    @Test
    void terminateInstance_withReason_terminatesWithoutSnapshot_andRecordsIt() {
        instanceWithVolumes("vol-1");
        doReturn(snapshots()).when(ec2).describeSnapshots(any(DescribeSnapshotsRequest.class));
        Params p = Params.of("instanceId", ID, "region", REGION, "withoutSnapshotReason", "crypto miner, AMI kept");

        ActionResult r = new TerminateInstanceAction(c).execute(p, CTX);

        verify(ec2).terminateInstances(any(TerminateInstancesRequest.class));
        assertThat(r.data().get("overrideReason").asText()).isEqualTo("crypto miner, AMI kept");
        assertThat(r.data().at("/snapshotsChecked/0/snapshotId").isNull()).isTrue();
        assertThat(r.findings()).anyMatch(f -> f.message().contains("without a completed evidence snapshot")
                && f.message().contains("crypto miner, AMI kept"));
        assertThat(new TerminateInstanceAction(c).plan(p, CTX).summary()).contains("crypto miner, AMI kept");
    }

    @Test
    void terminateInstance_terminationProtection_isExplained() {
        instanceWithVolumes();
        doReturn(snapshots()).when(ec2).describeSnapshots(any(DescribeSnapshotsRequest.class));
        doThrow(awsError("OperationNotPermitted", "The instance '" + ID + "' may not be terminated. Modify its"
                + " 'disableApiTermination' instance attribute and try again.", 400, "req-tp"))
                .when(ec2).terminateInstances(any(TerminateInstancesRequest.class));

        assertThatThrownBy(() -> new TerminateInstanceAction(c).execute(Params.of("instanceId", ID, "region", REGION), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.errorCode()).isEqualTo("OperationNotPermitted");
                    assertThat(f.requestId()).isEqualTo("req-tp");
                    assertThat(f.getMessage()).contains("termination protection")
                            .contains("--no-disable-api-termination").contains("ec2.stopInstance");
                });
    }

    @Test
    void terminateInstance_unknownInstance_pointsToFindInstance() {
        doThrow(awsError("InvalidInstanceID.NotFound", "The instance ID '" + ID + "' does not exist", 400, "req-nf"))
                .when(ec2).describeInstances(any(DescribeInstancesRequest.class));

        assertThatThrownBy(() -> new TerminateInstanceAction(c).execute(Params.of("instanceId", ID, "region", REGION), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.errorCode()).isEqualTo("InvalidInstanceID.NotFound");
                    assertThat(f.getMessage()).contains("ec2.findInstance");
                });
    }

    // ------------------------------------------------------------------ ec2.stopInstance / ec2.startInstance

    @Test
    void stopInstance_stopsRunning_andUndoStarts_startUndoStops() {
        doReturn(StopInstancesResponse.builder().stoppingInstances(s -> s.instanceId(ID)
                .previousState(p -> p.name(InstanceStateName.RUNNING)).currentState(p -> p.name(InstanceStateName.STOPPING))).build())
                .when(ec2).stopInstances(any(StopInstancesRequest.class));
        StopInstanceAction stop = new StopInstanceAction(c);
        Params p = Params.of("instanceId", ID, "region", REGION);

        ActionResult r = stop.execute(p, CTX);

        ArgumentCaptor<StopInstancesRequest> req = ArgumentCaptor.forClass(StopInstancesRequest.class);
        verify(ec2).stopInstances(req.capture());
        assertThat(req.getValue().instanceIds()).containsExactly(ID);
        assertThat(req.getValue().force()).isNull();
        assertThat(r.data().get("previousState").asText()).isEqualTo("running");
        assertThat(r.data().get("currentState").asText()).isEqualTo("stopping");
        assertThat(r.data().get("region").asText()).isEqualTo(REGION);
        Undo undo = stop.undo(p, r).orElseThrow();
        assertThat(undo.action()).isEqualTo("ec2.startInstance");
        assertThat(undo.params().get("instanceId").asText()).isEqualTo(ID);
        assertThat(undo.params().get("region").asText()).isEqualTo(REGION);
        assertThat(stop.plan(p, CTX).calls()).singleElement().satisfies(call -> {
            assertThat(call.operation()).isEqualTo("StopInstances");
            assertThat(call.region()).isEqualTo(REGION);
        });
        assertThat(stop.spec().iamActions()).containsExactly("ec2:StopInstances");

        doReturn(StartInstancesResponse.builder().startingInstances(s -> s.instanceId(ID)
                .previousState(x -> x.name(InstanceStateName.STOPPED)).currentState(x -> x.name(InstanceStateName.PENDING))).build())
                .when(ec2).startInstances(any(StartInstancesRequest.class));
        StartInstanceAction start = new StartInstanceAction(c);
        ActionResult started = start.execute(p, CTX);
        assertThat(started.data().get("previousState").asText()).isEqualTo("stopped");
        assertThat(start.undo(p, started).orElseThrow().action()).isEqualTo("ec2.stopInstance");
        assertThat(start.spec().iamActions()).containsExactly("ec2:StartInstances");
    }

    @Test
    void stopInstance_alreadyStopped_hasNothingToUndo() {
        doReturn(StopInstancesResponse.builder().stoppingInstances(s -> s.instanceId(ID)
                .previousState(p -> p.name(InstanceStateName.STOPPED)).currentState(p -> p.name(InstanceStateName.STOPPED))).build())
                .when(ec2).stopInstances(any(StopInstancesRequest.class));
        StopInstanceAction stop = new StopInstanceAction(c);

        ActionResult r = stop.execute(Params.of("instanceId", ID, "region", REGION), CTX);

        assertThat(stop.undo(Params.of(), r)).isEmpty();
    }

    // ------------------------------------------------------------------ lambda.deleteFunction

    @Test
    void deleteFunction_capturesConfigurationAndPolicy_masksEnvironment_thenDeletes() {
        LambdaClient lambda = c.lambda(REGION);
        doReturn(GetFunctionResponse.builder()
                .configuration(f -> f.functionName("miner").functionArn("arn:aws:lambda:eu-west-1:111122223333:function:miner")
                        .runtime("python3.12").handler("app.handler").role("arn:aws:iam::111122223333:role/miner-role")
                        .codeSha256("abc123sha").codeSize(1024L)
                        .environment(e -> e.variables(java.util.Map.of("WALLET", "0xdeadbeef", "AWS_KEY", "AKIASTOLEN"))))
                .code(cl -> cl.repositoryType("S3").location("https://awslambda-eu-west-1-tasks.s3.amazonaws.com/snapshots/"
                        + "111122223333/miner-abc?versionId=1&X-Amz-Security-Token=SECRETTOKEN&X-Amz-Signature=sig"))
                .tags(java.util.Map.of("owner", "nobody")).build())
                .when(lambda).getFunction(any(GetFunctionRequest.class));
        doReturn(GetPolicyResponse.builder().policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"x\","
                + "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"lambda:InvokeFunction\"}]}").revisionId("rev-1").build())
                .when(lambda).getPolicy(any(GetPolicyRequest.class));
        doReturn(DeleteFunctionResponse.builder().build()).when(lambda).deleteFunction(any(DeleteFunctionRequest.class));
        DeleteFunctionAction a = new DeleteFunctionAction(c);

        ActionResult r = a.execute(Params.of("functionName", "miner", "region", REGION), CTX);

        assertThat(Invocations.actions("lambda", lambda)).containsExactly("lambda:GetFunction", "lambda:GetPolicy",
                "lambda:DeleteFunction");
        ArgumentCaptor<DeleteFunctionRequest> del = ArgumentCaptor.forClass(DeleteFunctionRequest.class);
        verify(lambda).deleteFunction(del.capture());
        assertThat(del.getValue().functionName()).isEqualTo("miner");
        assertThat(del.getValue().qualifier()).isNull();
        JsonNode d = r.data();
        assertThat(d.get("functionName").asText()).isEqualTo("miner");
        assertThat(d.get("deleted").asBoolean()).isTrue();
        assertThat(d.at("/captured/codeSha256").asText()).isEqualTo("abc123sha");
        assertThat(d.at("/captured/configuration/Runtime").asText()).isEqualTo("python3.12");
        assertThat(d.at("/captured/configuration/Environment/Variables/WALLET").asText()).isEqualTo("[REDACTED]");
        assertThat(d.at("/captured/code/location").asText()).endsWith("/miner-abc");
        assertThat(d.at("/captured/tags/owner").asText()).isEqualTo("nobody");
        assertThat(d.at("/captured/policy/Statement/0/Principal").asText()).isEqualTo("*");
        assertThat(d.toString()).doesNotContain("0xdeadbeef", "AKIASTOLEN", "SECRETTOKEN");
        assertThat(a.spec().iamActions()).containsExactlyElementsOf(Invocations.actions("lambda", lambda));
        Plan p = a.plan(Params.of("functionName", "miner", "region", REGION), CTX);
        assertThat(p.target()).isEqualTo("miner");
        assertThat(p.calls()).extracting(PlannedCall::operation).containsExactly("GetFunction", "GetPolicy", "DeleteFunction");
        assertThat(p.calls()).allMatch(call -> call.service().equals("lambda") && call.region().equals(REGION));
    }

    @Test
    void deleteFunction_withoutPolicy_stillDeletes_andUnknownFunctionIsClear() {
        LambdaClient lambda = c.lambda(REGION);
        doReturn(GetFunctionResponse.builder().configuration(f -> f.functionName("miner").codeSha256("sha")).build())
                .when(lambda).getFunction(any(GetFunctionRequest.class));
        doThrow(awsError("ResourceNotFoundException", "The resource you requested does not exist.", 404, "rq-p"))
                .when(lambda).getPolicy(any(GetPolicyRequest.class));
        doReturn(DeleteFunctionResponse.builder().build()).when(lambda).deleteFunction(any(DeleteFunctionRequest.class));

        ActionResult r = new DeleteFunctionAction(c).execute(Params.of("functionName", "miner", "region", REGION), CTX);

        assertThat(r.data().at("/captured/policy").isNull()).isTrue();
        verify(lambda).deleteFunction(any(DeleteFunctionRequest.class));

        doThrow(awsError("ResourceNotFoundException", "Function not found: arn:aws:lambda:eu-west-1:111122223333:function:ghost",
                404, "rq-nf")).when(lambda).getFunction(any(GetFunctionRequest.class));
        assertThatThrownBy(() -> new DeleteFunctionAction(c).execute(Params.of("functionName", "ghost", "region", REGION), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.errorCode()).isEqualTo("ResourceNotFoundException");
                    assertThat(f.requestId()).isEqualTo("rq-nf");
                    assertThat(f.getMessage()).contains("there is no Lambda function ghost in " + REGION)
                            .contains("list-functions");
                });
        verify(lambda, org.mockito.Mockito.times(1)).deleteFunction(any(DeleteFunctionRequest.class));
        assertThatThrownBy(() -> new DeleteFunctionAction(c).plan(Params.of("functionName", "miner:1", "region", REGION), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.kind()).isEqualTo(ActionFailure.Kind.INVALID_PARAM));
    }

    // ------------------------------------------------------------------ the catalogue

    @Test
    void containmentActions_catalogue_isConsistent() {
        List<Action> all = ContainmentActions.all(c);
        Set<String> names = new HashSet<>();
        all.forEach(a -> names.add(a.spec().name()));

        assertThat(all).extracting(a -> a.spec().name()).containsExactly(
                "iam.deleteUser", "iam.resetPassword", "iam.revokeRoleSessions", "iam.restoreRoleSessions",
                "iam.denyUserTemporaryCredentials", "iam.allowUserTemporaryCredentials", "iam.deletePolicy",
                "iam.deleteRole", "ec2.snapshotInstance", "ec2.terminateInstance", "ec2.stopInstance",
                "ec2.startInstance", "lambda.deleteFunction", "account.setAlternateContact");
        for (Action a : all) {
            ActionSpec s = a.spec();
            assertThat(s.effect()).as(s.name()).isNotEqualTo(Effect.READ);
            assertThat(s.iamActions()).as(s.name()).isNotEmpty().allMatch(x -> x.matches("^(iam|ec2|lambda|account):[A-Z][A-Za-z]+$"));
            if (s.effect() == Effect.DESTROY) {
                assertThat(s.targetParam()).as(s.name()).isNotNull();
                assertThat(s.param(s.targetParam())).as(s.name()).hasValueSatisfying(p -> assertThat(p.required()).isTrue());
                assertThat(s.undoAction()).as(s.name()).isNull();
            } else {
                assertThat(s.targetParam()).as(s.name()).isNull();
            }
            if (s.undoAction() != null) {
                assertThat(names).as(s.name()).contains(s.undoAction());
            }
        }
        // no clash with the investigation actions
        AwsActions.procedure001((AwsClientSource) c).forEach(a -> assertThat(names).doesNotContain(a.spec().name()));
    }
}
