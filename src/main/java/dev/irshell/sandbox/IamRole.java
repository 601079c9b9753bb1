package dev.irshell.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * An IAM role.
 *
 * @param trustedPrincipals ARNs allowed to assume it; empty means any principal of the account
 */
public record IamRole(
        String name,
        String roleId,
        String path,
        String arn,
        Instant created,
        List<String> attachedPolicyArns,
        List<String> trustedPrincipals,
        int maxSessionDurationSeconds,
        String origin) {

    public IamRole {
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
        trustedPrincipals = List.copyOf(trustedPrincipals);
    }
}
