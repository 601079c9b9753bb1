package dev.irshell.sandbox;

import java.time.Instant;
import java.util.List;

/** An IAM instance profile: the container that hands a role's credentials to EC2 instances. */
public record InstanceProfile(
        String name,
        String profileId,
        String path,
        String arn,
        Instant created,
        List<String> roleNames,
        String origin) {

    public InstanceProfile {
        roleNames = List.copyOf(roleNames);
    }

    InstanceProfile withRoleNames(List<String> names) {
        return new InstanceProfile(name, profileId, path, arn, created, names, origin);
    }
}
