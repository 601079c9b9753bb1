package dev.irshell.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * An EBS snapshot in one region. A new snapshot is {@code pending} and becomes
 * {@code completed} at the next DescribeSnapshots that shows it, so clients must wait for it.
 */
public record Ec2Snapshot(
        String id,
        String region,
        String volumeId,
        int volumeSize,
        String state,
        Instant started,
        String description,
        boolean encrypted,
        Map<String, String> tags,
        String origin) {

    public Ec2Snapshot {
        tags = Map.copyOf(tags);
    }

    public boolean completed() {
        return "completed".equals(state);
    }

    Ec2Snapshot withState(String newState) {
        return new Ec2Snapshot(id, region, volumeId, volumeSize, newState, started, description, encrypted, tags,
                origin);
    }

    Ec2Snapshot withTags(Map<String, String> newTags) {
        return new Ec2Snapshot(id, region, volumeId, volumeSize, state, started, description, encrypted, newTags,
                origin);
    }
}
