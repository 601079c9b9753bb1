package dev.irshell.action;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * IAM action names and what irshell needs of them, in one place for the policies' test, the
 * sandbox and {@code preflight}: the IAM action of an AWS operation (service prefix + operation
 * name, with the exceptions below), which actions need no permission, which are reads, and the
 * actions irshell calls outside any catalogue action.
 */
public final class IamActionNames {
    /** IAM actions AWS authorizes without any policy (and that a Deny cannot block either). */
    public static final Set<String> NO_PERMISSION_NEEDED = Set.of("sts:GetCallerIdentity");

    /**
     * IAM actions irshell itself calls outside the catalogue's actions, with why. They belong in
     * the investigate policy: both only read.
     */
    public static final Map<String, String> IRSHELL_OWN = orderedMap(
            "iam:SimulatePrincipalPolicy", "preflight: whether the credentials can run a runbook",
            "iam:ListAccountAliases", "the shell prompt: the account's alias beside its id");

    /** Operation names that read (what the investigate policy may grant); the test checks the same rule. */
    private static final Pattern READ_OPERATION = Pattern.compile(
            "(Get|List|Describe|Lookup|Simulate)[A-Za-z0-9]*|Generate[A-Za-z0-9]*Report[A-Za-z0-9]*"
                    + "|GenerateServiceLastAccessedDetails");

    /**
     * Lambda's API operations carry the API version they belong to ({@code ListFunctions20150331},
     * {@code GetFunction20150331v2}), as CloudTrail records them; the IAM action drops it.
     */
    private static final Pattern API_VERSION_SUFFIX = Pattern.compile("\\d{8}(v\\d+)?$");

    private IamActionNames() {}

    /** The IAM action that authorizes {@code operation} of the service with this IAM prefix. */
    public static String of(String service, String operation) {
        return service + ":" + API_VERSION_SUFFIX.matcher(operation).replaceFirst("");
    }

    /** The service prefix of an IAM action ({@code iam} of {@code iam:ListUsers}). */
    public static String service(String iamAction) {
        int colon = iamAction.indexOf(':');
        return colon < 0 ? "" : iamAction.substring(0, colon);
    }

    /** The operation part of an IAM action ({@code ListUsers} of {@code iam:ListUsers}). */
    public static String operation(String iamAction) {
        int colon = iamAction.indexOf(':');
        return colon < 0 ? iamAction : iamAction.substring(colon + 1);
    }

    public static boolean needsPermission(String iamAction) {
        return !NO_PERMISSION_NEEDED.contains(iamAction);
    }

    /** The IAM actions of an action that need a permission, in its declared order. */
    public static List<String> needs(ActionSpec spec) {
        return spec.iamActions().stream().filter(IamActionNames::needsPermission).toList();
    }

    /** Whether an IAM action only reads: Get/List/Describe/Lookup/Simulate, the IAM report generators. */
    public static boolean isRead(String iamAction) {
        String[] parts = iamAction.split(":", 2);
        return parts.length == 2 && READ_OPERATION.matcher(parts[1]).matches();
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
