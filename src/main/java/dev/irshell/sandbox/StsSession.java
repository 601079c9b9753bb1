package dev.irshell.sandbox;

import java.time.Instant;

/** Temporary credentials ({@code ASIA...}) issued by AssumeRole. */
public record StsSession(
        String accessKeyId,
        String secret,
        String sessionToken,
        String roleName,
        String roleId,
        String roleArn,
        String sessionName,
        String assumedRoleArn,
        String issuedTo,
        Instant issued,
        Instant expiration) {

    @Override
    public String toString() {
        return "StsSession[" + accessKeyId + ", " + assumedRoleArn + ", expires " + expiration + "]";
    }
}
