package dev.irshell.sandbox;

import java.time.Instant;

/**
 * A credential of an IAM user besides its password and access keys: an X.509 signing
 * certificate, an SSH public key (CodeCommit) or a service-specific credential (CodeCommit,
 * Keyspaces, Bedrock...). Each blocks DeleteUser until it is deleted.
 *
 * @param serviceName     for service-specific credentials, e.g. {@code codecommit.amazonaws.com}; else null
 * @param serviceUserName for service-specific credentials, the generated user name; else null
 */
public record UserCredential(
        Kind kind,
        String id,
        String userName,
        String status,
        Instant created,
        String serviceName,
        String serviceUserName,
        String origin) {

    public enum Kind { SIGNING_CERTIFICATE, SSH_PUBLIC_KEY, SERVICE_SPECIFIC_CREDENTIAL }

    public boolean active() {
        return "Active".equals(status);
    }
}
