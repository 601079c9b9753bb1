package dev.irshell.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An IAM user. Access keys live apart ({@link SandboxState#accessKeysOf(String)}).
 *
 * @param origin who made it: {@code scenario}, a timeline actor's name, or {@code session}
 */
public record IamUser(
        String name,
        String userId,
        String path,
        String arn,
        Instant created,
        Instant passwordLastUsed,
        LoginProfile loginProfile,
        List<String> attachedPolicyArns,
        List<String> inlinePolicyNames,
        List<String> groups,
        List<String> mfaSerials,
        Map<String, String> tags,
        String origin) {

    public IamUser {
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
        inlinePolicyNames = List.copyOf(inlinePolicyNames);
        groups = List.copyOf(groups);
        mfaSerials = List.copyOf(mfaSerials);
        tags = Map.copyOf(tags);
    }

    /** A console password. The password itself is never kept. */
    public record LoginProfile(Instant created, boolean passwordResetRequired) {
    }

    IamUser withLoginProfile(LoginProfile profile) {
        return new IamUser(name, userId, path, arn, created, passwordLastUsed, profile, attachedPolicyArns,
                inlinePolicyNames, groups, mfaSerials, tags, origin);
    }

    IamUser withAttachedPolicyArns(List<String> arns) {
        return new IamUser(name, userId, path, arn, created, passwordLastUsed, loginProfile, arns,
                inlinePolicyNames, groups, mfaSerials, tags, origin);
    }

    IamUser withInlinePolicyNames(List<String> names) {
        return new IamUser(name, userId, path, arn, created, passwordLastUsed, loginProfile, attachedPolicyArns,
                names, groups, mfaSerials, tags, origin);
    }

    IamUser withGroups(List<String> newGroups) {
        return new IamUser(name, userId, path, arn, created, passwordLastUsed, loginProfile, attachedPolicyArns,
                inlinePolicyNames, newGroups, mfaSerials, tags, origin);
    }

    IamUser withMfaSerials(List<String> serials) {
        return new IamUser(name, userId, path, arn, created, passwordLastUsed, loginProfile, attachedPolicyArns,
                inlinePolicyNames, groups, serials, tags, origin);
    }

    IamUser withPasswordLastUsed(Instant when) {
        return new IamUser(name, userId, path, arn, created, when, loginProfile, attachedPolicyArns,
                inlinePolicyNames, groups, mfaSerials, tags, origin);
    }
}
