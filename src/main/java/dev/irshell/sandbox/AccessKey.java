package dev.irshell.sandbox;

import java.time.Instant;

/**
 * An IAM user's long-term access key ({@code AKIA...}).
 *
 * @param lastUsed        null when never used
 * @param lastUsedService signing name of the service last called ({@code iam}, {@code ec2}...), null when never used
 * @param origin          who made it: {@code scenario}, a timeline actor's name, or {@code session}
 */
public record AccessKey(
        String id,
        String secret,
        String userName,
        Status status,
        Instant created,
        Instant lastUsed,
        String lastUsedService,
        String lastUsedRegion,
        String origin) {

    public enum Status { Active, Inactive }

    public boolean active() {
        return status == Status.Active;
    }

    AccessKey withStatus(Status newStatus) {
        return new AccessKey(id, secret, userName, newStatus, created, lastUsed, lastUsedService, lastUsedRegion, origin);
    }

    AccessKey withLastUsed(Instant when, String service, String region) {
        return new AccessKey(id, secret, userName, status, created, when, service, region, origin);
    }

    @Override
    public String toString() {
        return "AccessKey[" + id + ", user=" + userName + ", " + status + ", origin=" + origin + "]";
    }
}
