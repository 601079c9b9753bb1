package dev.irshell.sandbox;

import java.time.Instant;
import java.util.List;

/** An IAM group. Its members are the users whose {@link IamUser#groups()} name it. */
public record IamGroup(
        String name,
        String groupId,
        String path,
        String arn,
        Instant created,
        List<String> attachedPolicyArns,
        String origin) {

    public IamGroup {
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
    }

    IamGroup withAttachedPolicyArns(List<String> arns) {
        return new IamGroup(name, groupId, path, arn, created, arns, origin);
    }
}
