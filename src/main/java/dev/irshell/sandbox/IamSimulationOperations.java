package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IAM's SimulatePrincipalPolicy over the policies the sandbox keeps ({@link PolicyEvaluation}),
 * and ListAccountAliases. The caller needs iam:SimulatePrincipalPolicy on the simulated principal
 * by its own policies, as on AWS: a principal without it gets AccessDenied, which is how irshell's
 * {@code preflight} learns to fall back to a dry run.
 */
final class IamSimulationOperations {
    /** Results per page: like AWS, the sandbox may answer fewer than MaxItems, so clients follow the Marker. */
    static final int PAGE_LIMIT = 25;
    private static final Pattern ENTITY = Pattern.compile("arn:aws:iam::(\\d{12}):(user|role|group)(/.*)?/([^/]+)");

    private IamSimulationOperations() {
    }

    static void registerOn(IamService iam) {
        iam.register("SimulatePrincipalPolicy", ServiceHandler.READ, IamSimulationOperations::simulatePrincipalPolicy);
        iam.register("ListAccountAliases", ServiceHandler.READ, IamSimulationOperations::listAccountAliases);
    }

    private static ObjectNode listAccountAliases(Call call) {
        ObjectNode out = call.object();
        ArrayNode aliases = out.putArray("AccountAliases");
        call.state.accountAlias().ifPresent(aliases::add);
        out.put("IsTruncated", false);
        return out;
    }

    private static ObjectNode simulatePrincipalPolicy(Call call) {
        String source = call.required("PolicySourceArn");
        List<String> actions = call.strings("ActionNames");
        if (actions.isEmpty()) {
            throw AwsError.validationError("1 validation error detected: Value null at 'actionNames' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        for (String a : actions) {
            if (a.length() < 3 || a.length() > 128) {
                throw AwsError.validationError("1 validation error detected: Value '" + a + "' at 'actionNames' "
                        + "failed to satisfy constraint: Member must have length between 3 and 128");
            }
        }
        List<PolicyEvaluation.Source> policies = new ArrayList<>(entityPolicies(call, source));
        authorize(call, source);
        List<String> inputs = call.strings("PolicyInputList");
        for (int i = 0; i < inputs.size(); i++) {
            policies.add(new PolicyEvaluation.Source("PolicyInputList." + (i + 1), "none", inputs.get(i)));
        }
        List<String> resources = call.strings("ResourceArns");
        if (resources.isEmpty()) {
            resources = List.of("*");
        }
        Map<String, List<String>> context = context(call.node("ContextEntries"));
        List<ObjectNode> results = new ArrayList<>();
        for (String action : actions) {
            for (String resource : resources) {
                results.add(result(call, action, resource,
                        PolicyEvaluation.evaluate(policies, action, resource, context)));
            }
        }
        Pages.Page<ObjectNode> page = page(call, results);
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("EvaluationResults");
        page.items().forEach(list::add);
        return IamService.paged(out, page);
    }

    private static ObjectNode result(Call call, String action, String resource, PolicyEvaluation.Result r) {
        ObjectNode n = call.object();
        n.put("EvalActionName", action);
        n.put("EvalResourceName", resource);
        n.put("EvalDecision", r.decision().wire);
        ArrayNode matched = n.putArray("MatchedStatements");
        for (PolicyEvaluation.Source s : r.matched()) {
            matched.addObject().put("SourcePolicyId", s.id()).put("SourcePolicyType", s.type());
        }
        ArrayNode missing = n.putArray("MissingContextValues");
        r.missingContext().forEach(missing::add);
        return n;
    }

    /** The policies of the user, role or group an ARN names; AWS's errors for anything else. */
    private static List<PolicyEvaluation.Source> entityPolicies(Call call, String arn) {
        Matcher m = ENTITY.matcher(arn);
        if (!m.matches()) {
            throw AwsError.invalidInput("Invalid Entity Arn: " + arn + " does not clearly define entity type and name.");
        }
        String kind = m.group(2);
        String name = m.group(4);
        String missing = "The " + kind + " with name " + name + " cannot be found.";
        if (!m.group(1).equals(call.accountId())) {
            throw AwsError.noSuchEntity(missing);
        }
        switch (kind) {
            case "user" -> {
                IamUser u = call.state.user(name).filter(x -> x.arn().equals(arn))
                        .orElseThrow(() -> AwsError.noSuchEntity(missing));
                return PolicyEvaluation.policiesOf(call.state, "user", u.name());
            }
            case "role" -> {
                IamRole r = call.state.role(name).filter(x -> x.arn().equals(arn))
                        .orElseThrow(() -> AwsError.noSuchEntity(missing));
                return PolicyEvaluation.policiesOf(call.state, "role", r.name());
            }
            default -> {
                IamGroup g = call.state.group(name).filter(x -> x.arn().equals(arn))
                        .orElseThrow(() -> AwsError.noSuchEntity(missing));
                List<PolicyEvaluation.Source> out = new ArrayList<>();
                for (String p : g.attachedPolicyArns()) {
                    call.state.policy(p).ifPresent(mp -> out.add(new PolicyEvaluation.Source(mp.name(),
                            mp.awsManaged() ? "aws-managed" : "user-managed", mp.defaultVersion().document())));
                }
                return out;
            }
        }
    }

    /** The caller needs iam:SimulatePrincipalPolicy on the simulated entity, by its own policies. */
    private static void authorize(Call call, String resource) {
        Principal caller = call.caller;
        List<PolicyEvaluation.Source> own = caller.session() != null
                ? PolicyEvaluation.policiesOf(call.state, "role", caller.session().roleName())
                : caller.isUser() ? PolicyEvaluation.policiesOf(call.state, "user", caller.userName()) : List.of();
        String action = "iam:SimulatePrincipalPolicy";
        PolicyEvaluation.Result r = PolicyEvaluation.evaluate(own, action, resource, Map.of());
        if (r.decision() == PolicyEvaluation.Decision.ALLOWED) {
            return;
        }
        String why = r.decision() == PolicyEvaluation.Decision.EXPLICIT_DENY
                ? " with an explicit deny in an identity-based policy"
                : " because no identity-based policy allows the " + action + " action";
        throw AwsError.accessDenied("User: " + caller.arn() + " is not authorized to perform: " + action
                + " on resource: " + resource + why);
    }

    /** ContextEntries as key (lower-cased, as IAM compares them) to values. */
    private static Map<String, List<String>> context(JsonNode entries) {
        Map<String, List<String>> out = new HashMap<>();
        if (!entries.isArray()) {
            return out;
        }
        for (JsonNode e : entries) {
            String key = e.path("ContextKeyName").asText("");
            if (key.isEmpty()) {
                continue;
            }
            List<String> values = new ArrayList<>();
            JsonNode v = e.path("ContextKeyValues");
            if (v.isArray()) {
                v.forEach(x -> values.add(x.asText()));
            } else if (v.isValueNode()) {
                values.add(v.asText());
            }
            out.put(key.toLowerCase(Locale.ROOT), values);
        }
        return out;
    }

    private static <T> Pages.Page<T> page(Call call, List<T> all) {
        Integer max = call.integer("MaxItems");
        if (max != null && (max < 1 || max > 1000)) {
            throw AwsError.validationError("1 validation error detected: Value '" + max + "' at 'maxItems' failed "
                    + "to satisfy constraint: Member must have value between 1 and 1000");
        }
        int size = Math.min(max == null ? 100 : max, PAGE_LIMIT);
        return Pages.slice(all, "iam-simulation", call.str("Marker"), size,
                () -> AwsError.invalidInput("Invalid Marker."));
    }
}
