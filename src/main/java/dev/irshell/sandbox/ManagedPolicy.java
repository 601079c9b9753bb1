package dev.irshell.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A managed policy with its versions (at most five, one of them the default). Customer managed
 * policies live in the account; AWS managed ones are described by {@link ManagedPolicies#aws(String)}.
 */
public record ManagedPolicy(
        String arn,
        String name,
        String policyId,
        String path,
        Instant created,
        List<Version> versions,
        String origin) {

    /** The most versions a managed policy keeps (CreatePolicyVersion answers LimitExceeded beyond). */
    static final int MAX_VERSIONS = 5;

    public ManagedPolicy {
        versions = List.copyOf(versions);
    }

    /** One version; {@code document} is the JSON text as it was put. */
    public record Version(String versionId, String document, boolean isDefault, Instant created) {
    }

    public Version defaultVersion() {
        return versions.stream().filter(Version::isDefault).findFirst().orElseThrow();
    }

    /** When the default version was created (IAM's UpdateDate). */
    public Instant updated() {
        return defaultVersion().created();
    }

    boolean awsManaged() {
        return arn.startsWith(ManagedPolicies.PREFIX);
    }

    ManagedPolicy withVersions(List<Version> newVersions) {
        return new ManagedPolicy(arn, name, policyId, path, created, newVersions, origin);
    }

    /** A new version {@code v<n+1>}, default or not; the others lose the default when it is. */
    ManagedPolicy withNewVersion(String document, boolean setAsDefault, Instant when) {
        int next = versions.stream().mapToInt(v -> Integer.parseInt(v.versionId().substring(1))).max().orElse(0) + 1;
        List<Version> out = new ArrayList<>();
        for (Version v : versions) {
            out.add(setAsDefault ? new Version(v.versionId(), v.document(), false, v.created()) : v);
        }
        out.add(new Version("v" + next, document, setAsDefault, when));
        return withVersions(out);
    }
}
