package dev.irshell.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * An EC2 instance in one region. Its EBS volumes live apart ({@link SandboxState#volumesOf(String)}).
 *
 * @param disableApiTermination termination protection: TerminateInstances answers OperationNotPermitted
 */
public record Ec2Instance(
        String id,
        String region,
        String reservationId,
        String imageId,
        String instanceType,
        State state,
        Instant launchTime,
        String availabilityZone,
        String publicIp,
        String privateIp,
        String keyName,
        String vpcId,
        String subnetId,
        Map<String, String> tags,
        boolean disableApiTermination,
        String origin) {

    public Ec2Instance {
        tags = Map.copyOf(tags);
    }

    /** EC2 instance states with their codes. */
    public enum State {
        PENDING(0, "pending"), RUNNING(16, "running"), SHUTTING_DOWN(32, "shutting-down"),
        TERMINATED(48, "terminated"), STOPPING(64, "stopping"), STOPPED(80, "stopped");

        private final int code;
        private final String wireName;

        State(int code, String wireName) {
            this.code = code;
            this.wireName = wireName;
        }

        public int code() {
            return code;
        }

        public String wireName() {
            return wireName;
        }

        public static State fromWire(String name) {
            for (State s : values()) {
                if (s.wireName.equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException(name);
        }
    }

    Ec2Instance withState(State newState) {
        return new Ec2Instance(id, region, reservationId, imageId, instanceType, newState, launchTime,
                availabilityZone, publicIp, privateIp, keyName, vpcId, subnetId, tags, disableApiTermination, origin);
    }

    Ec2Instance withTags(Map<String, String> newTags) {
        return new Ec2Instance(id, region, reservationId, imageId, instanceType, state, launchTime,
                availabilityZone, publicIp, privateIp, keyName, vpcId, subnetId, newTags, disableApiTermination, origin);
    }
}
