package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.Finding;
import dev.irshell.action.ParamKind;
import dev.irshell.action.ParamSpec;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/**
 * {@code ec2.terminateInstance}: terminates an instance for good, but only once every attached EBS
 * volume has a completed evidence snapshot tagged {@code irshell:instance=<id>} (from
 * {@code ec2.snapshotInstance}); procedure 000: "create an Amazon EBS snapshot before
 * terminating". Without one it refuses, unless {@code withoutSnapshotReason} says why none is
 * needed: that reason is recorded in the result. Termination protection is reported with advice.
 */
public final class TerminateInstanceAction extends AwsAction {
    public static final String NAME = "ec2.terminateInstance";

    public TerminateInstanceAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME, "Terminate an instance for good, once its volumes have evidence snapshots",
                Effect.DESTROY,
                List.of(ParamSpec.required("instanceId", ParamKind.INSTANCE_ID, "the instance"),
                        ParamSpec.required("region", ParamKind.REGION, "the instance's region"),
                        ParamSpec.optional("withoutSnapshotReason", ParamKind.TEXT,
                                "why it may be terminated without evidence snapshots (recorded)")),
                List.of("ec2:DescribeInstances", "ec2:DescribeSnapshots", "ec2:TerminateInstances"),
                null, "instanceId", false));
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        String id = ParamChecks.instanceId(params, "instanceId");
        String region = ContainmentParams.region(params, "region");
        Optional<String> reason = params.optString("withoutSnapshotReason");
        List<PlannedCall> calls = List.of(
                new PlannedCall("ec2", "DescribeInstances", region, Json.obj("InstanceIds", Json.array(List.of(id)))),
                new PlannedCall("ec2", "DescribeSnapshots", region, Json.obj("OwnerIds", Json.array(List.of("self")),
                        "Filters", Json.array().add(Json.obj("Name", "tag:" + SnapshotInstanceAction.TAG_INSTANCE,
                                "Values", Json.array(List.of(id)))))),
                new PlannedCall("ec2", "TerminateInstances", region, Json.obj("InstanceIds", Json.array(List.of(id)))));
        return new Plan("terminate " + id + " in " + region + " for good"
                + (reason.isPresent() ? " even without evidence snapshots (reason recorded: " + reason.get() + ")"
                        : ", only if every attached EBS volume has a completed evidence snapshot")
                + "; volumes set to delete on termination are deleted with it", calls, id);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        String id = ParamChecks.instanceId(params, "instanceId");
        String region = ContainmentParams.region(params, "region");
        Optional<String> reason = params.optString("withoutSnapshotReason").map(String::trim);
        var ec2 = clients.ec2(region);
        Instance instance = Ec2Instances.describe(clients, region, id);
        List<InstanceBlockDeviceMapping> volumes = instance.blockDeviceMappings().stream()
                .filter(m -> m.ebs() != null && m.ebs().volumeId() != null).toList();
        List<Snapshot> evidence = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            DescribeSnapshotsResponse page = call("ec2", "DescribeSnapshots", region, () -> ec2.describeSnapshots(b -> b
                    .ownerIds("self").nextToken(t)
                    .filters(Filter.builder().name("tag:" + SnapshotInstanceAction.TAG_INSTANCE).values(id).build())));
            evidence.addAll(page.snapshots());
            token = page.nextToken();
        } while (token != null && !token.isEmpty());

        ArrayNode checked = Json.array();
        List<String> missing = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (InstanceBlockDeviceMapping m : volumes) {
            String vol = m.ebs().volumeId();
            List<Snapshot> ofVolume = evidence.stream().filter(s -> vol.equals(s.volumeId())).toList();
            Optional<Snapshot> done = ofVolume.stream().filter(s -> "completed".equals(s.stateAsString()))
                    .max(Comparator.comparing(Snapshot::startTime, Comparator.nullsFirst(Comparator.naturalOrder())));
            Optional<Snapshot> shown = done.isPresent() ? done : ofVolume.stream().findFirst();
            String snapId = shown.map(Snapshot::snapshotId).orElse(null);
            String state = shown.map(Snapshot::stateAsString).orElse(null);
            Instant started = shown.map(Snapshot::startTime).orElse(null);
            checked.add(Json.obj("volumeId", vol, "device", m.deviceName(), "snapshotId", snapId, "state", state,
                    "startTime", started, "deleteOnTermination", Boolean.TRUE.equals(m.ebs().deleteOnTermination())));
            rows.add(Tables.row(vol, m.deviceName(), snapId == null ? "none" : snapId, state, started,
                    Boolean.TRUE.equals(m.ebs().deleteOnTermination()) ? "deleted with it" : "kept"));
            if (done.isEmpty()) {
                missing.add(vol + (state == null ? " (no snapshot)" : " (" + snapId + " is " + state + ")"));
            }
        }
        if (!missing.isEmpty() && reason.isEmpty()) {
            throw ActionFailure.aws("ec2", "TerminateInstances", region, null, "refused to terminate " + id
                    + " (checked before any change): " + missing.size() + " of " + volumes.size()
                    + " attached EBS volume(s) have no completed evidence snapshot tagged "
                    + SnapshotInstanceAction.TAG_INSTANCE + "=" + id + ": " + String.join(", ", missing)
                    + ". Run ec2.snapshotInstance (instanceId=" + id + ", region=" + region + ") first and let it"
                    + " complete, or give withoutSnapshotReason=<why no evidence is needed>, which is recorded",
                    null, 0, null);
        }
        InstanceStateChange change;
        try {
            change = call("ec2", "TerminateInstances", region, () -> ec2.terminateInstances(b -> b.instanceIds(id)))
                    .terminatingInstances().stream().filter(c -> id.equals(c.instanceId())).findFirst().orElse(null);
        } catch (ActionFailure f) {
            if (AwsCalls.hasCode(f, "OperationNotPermitted")) {
                throw Failures.withMessage(f, f.getMessage() + ": termination protection is on for " + id + ". If"
                        + " terminating it is really intended, turn protection off (aws ec2 modify-instance-attribute"
                        + " --region " + region + " --instance-id " + id + " --no-disable-api-termination) and run "
                        + NAME + " again; to contain it without terminating, use ec2.stopInstance");
            }
            throw Ec2Instances.notFoundAdvice(f, id, region);
        }
        String previous = change != null ? Ec2Instances.previous(change) : instance.state().nameAsString();
        String current = Ec2Instances.current(change);
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.info(id + " in " + region + ": " + previous + " -> " + current
                + " (terminated instances stay visible for about an hour)"));
        if (!missing.isEmpty()) {
            findings.add(Finding.warn(id + " was terminated without a completed evidence snapshot of "
                    + String.join(", ", missing) + "; reason given: " + reason.get()));
        }
        return new ActionResult(
                Json.obj("instanceId", id, "region", region, "previousState", previous, "currentState", current,
                        "snapshotsChecked", checked, "overrideReason", missing.isEmpty() ? null : reason.get()),
                "terminated " + id + " in " + region + " (" + previous + " -> " + current + ")",
                List.of(Tables.of("Volumes of " + id, List.of("Volume", "Device", "Evidence snapshot", "State",
                        "Started", "Volume on termination"), rows, Set.of())),
                findings, List.of());
    }
}
