package dev.irshell.sandbox;

import java.time.Instant;
import java.util.Map;

/** An AMI owned by the account, in one region. */
public record Ec2Image(
        String id,
        String region,
        String name,
        String description,
        Instant created,
        boolean isPublic,
        Map<String, String> tags,
        String origin) {

    public Ec2Image {
        tags = Map.copyOf(tags);
    }

    Ec2Image withTags(Map<String, String> newTags) {
        return new Ec2Image(id, region, name, description, created, isPublic, newTags, origin);
    }
}
