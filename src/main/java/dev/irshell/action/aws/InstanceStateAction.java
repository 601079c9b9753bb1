package dev.irshell.action.aws;

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
import dev.irshell.action.Undo;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;

/**
 * Stops or starts an instance (StopInstances / StartInstances): the shared body of
 * {@link StopInstanceAction} and {@link StartInstanceAction}, each the other's undo when the
 * instance really changed state.
 */
abstract class InstanceStateAction extends AwsAction {
    private final boolean stop;

    InstanceStateAction(AwsClientSource clients, String name, String summary, boolean stop, String undoAction) {
        super(clients, new ActionSpec(name, summary, Effect.CHANGE,
                List.of(ParamSpec.required("instanceId", ParamKind.INSTANCE_ID, "the instance"),
                        ParamSpec.required("region", ParamKind.REGION, "the instance's region")),
                List.of(stop ? "ec2:StopInstances" : "ec2:StartInstances"), undoAction, null, false));
        this.stop = stop;
    }

    private String operation() {
        return stop ? "StopInstances" : "StartInstances";
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        String id = ParamChecks.instanceId(params, "instanceId");
        String region = ContainmentParams.region(params, "region");
        return new Plan((stop ? "stop " : "start ") + id + " in " + region
                + (stop ? " (memory and instance-store data are lost; EBS volumes are kept)"
                        : " (it runs again, with whatever is on its volumes)"),
                List.of(new PlannedCall("ec2", operation(), region, Json.obj("InstanceIds", Json.array(List.of(id))))),
                null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        String id = ParamChecks.instanceId(params, "instanceId");
        String region = ContainmentParams.region(params, "region");
        var ec2 = clients.ec2(region);
        List<InstanceStateChange> changes;
        try {
            changes = stop
                    ? call("ec2", operation(), region, () -> ec2.stopInstances(b -> b.instanceIds(id))).stoppingInstances()
                    : call("ec2", operation(), region, () -> ec2.startInstances(b -> b.instanceIds(id))).startingInstances();
        } catch (ActionFailure f) {
            if (AwsCalls.hasCode(f, "IncorrectInstanceState")) {
                throw Failures.withMessage(f, f.getMessage() + ": " + id + " cannot be " + (stop ? "stopped" : "started")
                        + " in its present state; look at it with ec2.findInstance and retry once it settles");
            }
            throw Ec2Instances.notFoundAdvice(f, id, region);
        }
        InstanceStateChange c = changes.stream().filter(x -> id.equals(x.instanceId())).findFirst().orElse(null);
        String previous = Ec2Instances.previous(c);
        String current = Ec2Instances.current(c);
        Finding f = stop
                ? Finding.warn(id + " is " + current + ": its memory and instance-store data are gone; its public IPv4"
                        + " address changes on start unless it is an Elastic IP")
                : Finding.warn(id + " is " + current + " again: whatever ran on it may resume");
        return new ActionResult(
                Json.obj("instanceId", id, "region", region, "previousState", previous, "currentState", current),
                (stop ? "stopping " : "starting ") + id + " in " + region + " (" + previous + " -> " + current + ")",
                List.of(Tables.of("Instance " + id, List.of("Instance", "Region", "Before", "Now"),
                        List.of(Tables.row(id, region, previous, current)), Set.of())),
                List.of(f), List.of());
    }

    @Override
    public Optional<Undo> undo(Params params, ActionResult result) {
        String previous = Json.text(result.data(), "previousState");
        // Only a real change is undone: stopping a running instance, starting a stopped one.
        Set<String> undoable = stop ? Set.of("pending", "running") : Set.of("stopped", "stopping");
        if (previous == null || !undoable.contains(previous) || spec().undoAction() == null) {
            return Optional.empty();
        }
        return Optional.of(new Undo(spec().undoAction(), Json.obj(
                "instanceId", Json.text(result.data(), "instanceId"), "region", Json.text(result.data(), "region"))));
    }
}
