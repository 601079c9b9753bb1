package dev.irshell.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * An EBS volume in one region; attached to {@code instanceId} at {@code device}, or available
 * (instanceId null).
 */
public record Ec2Volume(
        String id,
        String region,
        String availabilityZone,
        int size,
        String volumeType,
        boolean encrypted,
        Instant created,
        String instanceId,
        String device,
        boolean deleteOnTermination,
        Map<String, String> tags,
        String origin) {

    public Ec2Volume {
        tags = Map.copyOf(tags);
    }

    public String status() {
        return instanceId == null ? "available" : "in-use";
    }

    Ec2Volume detached() {
        return new Ec2Volume(id, region, availabilityZone, size, volumeType, encrypted, created, null, null, false,
                tags, origin);
    }

    Ec2Volume withTags(Map<String, String> newTags) {
        return new Ec2Volume(id, region, availabilityZone, size, volumeType, encrypted, created, instanceId, device,
                deleteOnTermination, newTags, origin);
    }

    /** The fixed id of an instance's default root volume: {@code vol-} + the instance id's digits. */
    static String rootVolumeId(String instanceId) {
        return "vol-" + instanceId.substring(2);
    }
}
