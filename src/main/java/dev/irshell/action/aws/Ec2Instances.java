package dev.irshell.action.aws;

import dev.irshell.action.ActionFailure;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;

/** EC2 instance look-ups and state-change answers shared by the instance actions. */
final class Ec2Instances {
    private Ec2Instances() {}

    /** The instance in that region; a clear NOT_FOUND failure (AWS's code and request id kept) when it is not there. */
    static Instance describe(AwsClientSource clients, String region, String id) {
        try {
            Optional<Instance> i = clients.calls().call("ec2", "DescribeInstances", region,
                    () -> clients.ec2(region).describeInstances(b -> b.instanceIds(id))).reservations().stream()
                    .flatMap(r -> r.instances().stream()).filter(x -> id.equals(x.instanceId())).findFirst();
            return i.orElseThrow(() -> ActionFailure.notFound(notThere(id, region)));
        } catch (ActionFailure f) {
            throw notFoundAdvice(f, id, region);
        }
    }

    static ActionFailure notFoundAdvice(ActionFailure f, String id, String region) {
        if (AwsCalls.hasCode(f, FindInstanceAction.NOT_FOUND, "InvalidInstanceID.Malformed")) {
            return Failures.withMessage(f, f.getMessage() + ": " + notThere(id, region));
        }
        return f;
    }

    private static String notThere(String id, String region) {
        return id + " is not an instance in " + region + ": find its region with ec2.findInstance";
    }

    static String previous(InstanceStateChange c) {
        return c == null || c.previousState() == null ? null : c.previousState().nameAsString();
    }

    static String current(InstanceStateChange c) {
        return c == null || c.currentState() == null ? null : c.currentState().nameAsString();
    }
}
