package dev.irshell.sandbox;

import java.util.Set;

/** AWS managed policies the sandbox knows (attachable by ARN). */
final class ManagedPolicies {
    private ManagedPolicies() {
    }

    static final String PREFIX = "arn:aws:iam::aws:policy/";

    static final Set<String> AWS = Set.of(
            PREFIX + "AdministratorAccess",
            PREFIX + "PowerUserAccess",
            PREFIX + "ReadOnlyAccess",
            PREFIX + "IAMFullAccess",
            PREFIX + "IAMReadOnlyAccess",
            PREFIX + "AmazonEC2FullAccess",
            PREFIX + "AmazonEC2ReadOnlyAccess",
            PREFIX + "AmazonS3FullAccess",
            PREFIX + "AmazonS3ReadOnlyAccess",
            PREFIX + "AWSCloudTrail_ReadOnlyAccess",
            PREFIX + "SecurityAudit",
            PREFIX + "AWSCompromisedKeyQuarantine",
            PREFIX + "AWSCompromisedKeyQuarantineV2",
            PREFIX + "AWSCompromisedKeyQuarantineV3",
            PREFIX + "service-role/AmazonEC2RoleforSSM");

    /** The policy name of an ARN: the part after the last slash. */
    static String name(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
