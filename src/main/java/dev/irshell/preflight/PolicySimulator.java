package dev.irshell.preflight;

import dev.irshell.action.ActionFailure;
import dev.irshell.action.aws.AwsClientSource;
import dev.irshell.engine.CallerIdentity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.Statement;

/**
 * Asks IAM's policy simulator (iam:SimulatePrincipalPolicy) whether the caller's principal may call
 * each IAM action. Actions the shipped policies grant only on some resources (users, roles,
 * instances ...) or under a condition are simulated on a resource of that type with that context,
 * since IAM's simulator matches a scoped statement only against a resource it covers; the others
 * on {@code *}. Action names go in batches of {@value #BATCH}; results are paged by IAM's Marker.
 */
final class PolicySimulator {
    /** Action names per request: IAM sets no limit on the list, this keeps each answer to one page of 100. */
    static final int BATCH = 100;
    /** The name given to the stand-in resources scoped actions are simulated on. */
    static final String STAND_IN = "irshell-preflight";

    private static final Pattern USER = Pattern.compile("arn:([^:]+):iam::(\\d{12}):user/.+");
    private static final Pattern ASSUMED_ROLE = Pattern.compile("arn:([^:]+):sts::(\\d{12}):assumed-role/([^/]+)/.+");

    /** The simulator could not be used; {@link #reason} says why, for the report. */
    static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super(reason);
        }
    }

    /** The principal whose policies were simulated, and the verdict on each action. */
    record Outcome(String principal, Map<String, Verdict> verdicts) {
    }

    /** One request shape: the resources and context the actions are simulated with. */
    private record Group(List<String> resources, Map<String, List<String>> context) {
    }

    private final AwsClientSource clients;

    PolicySimulator(AwsClientSource clients) {
        this.clients = clients;
    }

    /**
     * Simulates {@code actions} for the caller's principal. Throws {@link Unavailable} when IAM
     * refuses the simulation or cannot find the principal, and {@link ActionFailure} when the
     * credentials do not work or IAM cannot be reached.
     */
    Outcome simulate(CallerIdentity caller, String region, Collection<String> actions, ShippedPolicies policies)
            throws Unavailable {
        List<String> candidates = principals(caller.arn(), region);
        if (candidates.isEmpty()) {
            throw new Unavailable("IAM's simulator takes an IAM user or role, and " + caller.arn() + " is neither");
        }
        String partition = caller.arn().split(":", 3)[1];
        Map<Group, List<String>> groups = new LinkedHashMap<>();
        for (String a : actions) {
            groups.computeIfAbsent(group(a, policies, partition, caller.account(), region), k -> new ArrayList<>()).add(a);
        }
        for (String principal : candidates) {
            try {
                Map<String, List<EvaluationResult>> results = new LinkedHashMap<>();
                for (Map.Entry<Group, List<String>> g : groups.entrySet()) {
                    List<String> names = g.getValue();
                    for (int i = 0; i < names.size(); i += BATCH) {
                        request(principal, names.subList(i, Math.min(names.size(), i + BATCH)), g.getKey())
                                .forEach(r -> results.computeIfAbsent(r.evalActionName(), k -> new ArrayList<>()).add(r));
                    }
                }
                Map<String, Verdict> verdicts = new LinkedHashMap<>();
                for (String a : actions) {
                    List<EvaluationResult> rs = results.get(a);
                    verdicts.put(a, rs == null ? Verdict.notChecked("IAM's simulator returned no result for it") : verdict(rs));
                }
                return new Outcome(principal, verdicts);
            } catch (ActionFailure f) {
                if ("NoSuchEntity".equals(f.errorCode())) {
                    continue;
                }
                if (f.kind() == ActionFailure.Kind.CREDENTIALS || f.kind() == ActionFailure.Kind.UNREACHABLE) {
                    throw f;
                }
                if (f.kind() == ActionFailure.Kind.ACCESS_DENIED) {
                    throw new Unavailable("the credentials may not call iam:SimulatePrincipalPolicy on " + principal
                            + " (" + f.errorCode() + ")");
                }
                String what = f.errorCode() != null ? f.errorCode() : f.httpStatus() > 0 ? "HTTP " + f.httpStatus()
                        : "an error";
                throw new Unavailable("IAM's simulator answered " + what + ": " + firstLine(f.getMessage()));
            }
        }
        throw new Unavailable("IAM knows none of " + String.join(", ", candidates)
                + " (the role's path is not part of the session's ARN)");
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }

    private List<EvaluationResult> request(String principal, List<String> names, Group g) {
        SimulatePrincipalPolicyRequest.Builder b = SimulatePrincipalPolicyRequest.builder().policySourceArn(principal)
                .actionNames(names);
        if (!g.resources().equals(List.of("*"))) {
            b.resourceArns(g.resources());
        }
        if (!g.context().isEmpty()) {
            List<ContextEntry> entries = new ArrayList<>();
            g.context().forEach((k, v) -> entries.add(ContextEntry.builder().contextKeyName(k).contextKeyValues(v)
                    .contextKeyType(v.size() == 1 ? ContextKeyTypeEnum.STRING : ContextKeyTypeEnum.STRING_LIST).build()));
            b.contextEntries(entries);
        }
        SimulatePrincipalPolicyRequest req = b.build();
        return clients.calls().call("iam", "SimulatePrincipalPolicy", AwsClientSource.IAM_REGION,
                () -> clients.iam().simulatePrincipalPolicyPaginator(req).evaluationResults().stream().toList());
    }

    /**
     * The ARNs to simulate for the caller: a user's own ARN; for a role session the role's ARN, which
     * the session's ARN gives without the role's path, so IAM Identity Center's roles are also tried
     * under the path it gives them. Empty for principals the simulator does not take (and root).
     */
    static List<String> principals(String callerArn, String region) {
        if (callerArn == null) {
            return List.of();
        }
        if (USER.matcher(callerArn).matches()) {
            return List.of(callerArn);
        }
        Matcher m = ASSUMED_ROLE.matcher(callerArn);
        if (!m.matches()) {
            return List.of();
        }
        String prefix = "arn:" + m.group(1) + ":iam::" + m.group(2) + ":role/";
        String role = m.group(3);
        Set<String> out = new LinkedHashSet<>();
        out.add(prefix + role);
        if (role.startsWith("AWSReservedSSO_")) {
            out.add(prefix + "aws-reserved/sso.amazonaws.com/" + role);
            out.add(prefix + "aws-reserved/sso.amazonaws.com/" + region + "/" + role);
        }
        return List.copyOf(out);
    }

    private static Group group(String action, ShippedPolicies policies, String partition, String account, String region) {
        return policies.grant(action).filter(ShippedPolicies.Grant::scoped)
                .map(g -> new Group(g.resources().stream().map(r -> standIn(r, partition, account, region)).toList(),
                        g.stringEquals()))
                .orElse(new Group(List.of("*"), Map.of()));
    }

    /**
     * A resource a policy's Resource pattern covers, in the caller's partition, account and region:
     * {@code arn:aws:iam::*:user/*} becomes {@code arn:aws:iam::111122223333:user/irshell-preflight}.
     */
    static String standIn(String pattern, String partition, String account, String region) {
        if (pattern.equals("*")) {
            return "*";
        }
        String[] p = pattern.split(":", 6);
        if (p.length < 6) {
            return pattern;
        }
        p[1] = partition;
        p[3] = p[3].equals("*") ? region : p[3];
        p[4] = p[4].equals("*") ? account : p[4];
        p[5] = p[5].replace("*", STAND_IN).replace('?', 'x');
        return String.join(":", p);
    }

    /** The verdict on one action from its results (one per resource; each may hold per-resource results). */
    static Verdict verdict(List<EvaluationResult> results) {
        List<PolicyEvaluationDecisionType> decisions = new ArrayList<>();
        Set<String> denying = new LinkedHashSet<>();
        Set<String> allowing = new LinkedHashSet<>();
        Set<String> missingContext = new LinkedHashSet<>();
        String outside = null;
        for (EvaluationResult r : results) {
            missingContext.addAll(r.missingContextValues());
            if (r.organizationsDecisionDetail() != null
                    && Boolean.FALSE.equals(r.organizationsDecisionDetail().allowedByOrganizations())) {
                outside = "a service control policy of the organization denies it";
            } else if (r.permissionsBoundaryDecisionDetail() != null
                    && Boolean.FALSE.equals(r.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary())) {
                outside = "the permissions boundary does not allow it";
            }
            if (r.hasResourceSpecificResults() && !r.resourceSpecificResults().isEmpty()) {
                for (ResourceSpecificResult rr : r.resourceSpecificResults()) {
                    decisions.add(rr.evalResourceDecision());
                    sources(rr.matchedStatements(), rr.evalResourceDecision(), denying, allowing);
                }
            } else {
                decisions.add(r.evalDecision());
                sources(r.matchedStatements(), r.evalDecision(), denying, allowing);
            }
        }
        if (decisions.contains(PolicyEvaluationDecisionType.EXPLICIT_DENY)) {
            return Verdict.denied("explicit deny", List.copyOf(denying));
        }
        if (!decisions.isEmpty() && decisions.stream().allMatch(d -> d == PolicyEvaluationDecisionType.ALLOWED)) {
            return Verdict.allowed("", List.copyOf(allowing));
        }
        if (outside != null) {
            return Verdict.denied(outside, List.of());
        }
        return Verdict.denied("implicit deny" + (missingContext.isEmpty() ? ""
                : ", a condition needs " + String.join(", ", missingContext)), List.of());
    }

    private static void sources(List<Statement> statements, PolicyEvaluationDecisionType d, Set<String> denying,
                                Set<String> allowing) {
        for (Statement s : statements) {
            if (s.sourcePolicyId() == null) {
                continue;
            }
            if (d == PolicyEvaluationDecisionType.EXPLICIT_DENY) {
                denying.add(s.sourcePolicyId());
            } else if (d == PolicyEvaluationDecisionType.ALLOWED) {
                allowing.add(s.sourcePolicyId());
            }
        }
    }
}
