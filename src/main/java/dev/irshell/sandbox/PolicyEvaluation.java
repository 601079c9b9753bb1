package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * IAM's evaluation of a principal's identity-based policies for one request, as far as the sandbox
 * keeps policies: the user's inline and attached policies and those attached to its groups, or the
 * role's inline and attached policies. An explicit Deny wins, then an Allow, else the request is
 * implicitly denied. Statements match on {@code Action}/{@code NotAction} (case-insensitive, with
 * {@code *} and {@code ?}), {@code Resource}/{@code NotResource} and the condition operators below;
 * a condition on a key the request does not carry does not match (the key is reported missing), as
 * IAM's simulator does. There are no permissions boundaries, SCPs, session or resource policies.
 *
 * <p>The sandbox uses it to answer SimulatePrincipalPolicy and to authorise that call itself; other
 * calls are not checked against policies (only against revoked sessions, see {@link PolicyDocuments}).
 */
final class PolicyEvaluation {
    /** IAM's decision, with its wire name. */
    enum Decision {
        ALLOWED("allowed"), EXPLICIT_DENY("explicitDeny"), IMPLICIT_DENY("implicitDeny");

        final String wire;

        Decision(String wire) {
            this.wire = wire;
        }
    }

    /**
     * One policy of the principal.
     *
     * @param id   the SourcePolicyId IAM reports: the inline policy's name or the managed policy's name
     * @param type the SourcePolicyType: user, group, role (inline), aws-managed, user-managed
     */
    record Source(String id, String type, String document) {
    }

    /** The decision and the policies whose statements decided it. */
    record Result(Decision decision, List<Source> matched, Set<String> missingContext) {
    }

    private static final Set<String> CONDITION_OPERATORS = Set.of("StringEquals", "StringNotEquals",
            "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "DateLessThan",
            "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals", "Bool");

    private PolicyEvaluation() {
    }

    /** The policies of a user ({@code kind} user) or a role ({@code kind} role), in IAM's listing order. */
    static List<Source> policiesOf(SandboxState state, String kind, String name) {
        List<Source> out = new ArrayList<>();
        for (String policy : state.inlinePolicyNames(kind, name)) {
            state.inlinePolicy(kind, name, policy).ifPresent(doc -> out.add(new Source(policy, kind, doc)));
        }
        List<String> attached = new ArrayList<>();
        if (kind.equals("user")) {
            state.user(name).ifPresent(u -> {
                attached.addAll(u.attachedPolicyArns());
                for (String g : u.groups()) {
                    state.group(g).ifPresent(group -> group.attachedPolicyArns().forEach(arn ->
                            managed(state, arn).ifPresent(out::add)));
                }
            });
        } else {
            state.role(name).ifPresent(r -> attached.addAll(r.attachedPolicyArns()));
        }
        for (String arn : attached) {
            managed(state, arn).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Source> managed(SandboxState state, String arn) {
        return state.policy(arn).map(p -> new Source(p.name(), p.awsManaged() ? "aws-managed" : "user-managed",
                p.defaultVersion().document()));
    }

    /**
     * Evaluates {@code action} (e.g. {@code iam:DeleteUser}) on {@code resource} ({@code *} for
     * any) with the request's context keys (lower-cased names) against {@code policies}.
     */
    static Result evaluate(List<Source> policies, String action, String resource, Map<String, List<String>> context) {
        List<Source> denying = new ArrayList<>();
        List<Source> allowing = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        for (Source p : policies) {
            for (JsonNode st : statements(p.document())) {
                if (!matchesAction(st, action) || !matchesResource(st, resource)
                        || !conditionHolds(st.path("Condition"), context, missing)) {
                    continue;
                }
                String effect = st.path("Effect").asText("");
                List<Source> into = effect.equals("Deny") ? denying : effect.equals("Allow") ? allowing : null;
                if (into != null && !into.contains(p)) {
                    into.add(p);
                }
            }
        }
        if (!denying.isEmpty()) {
            return new Result(Decision.EXPLICIT_DENY, denying, missing);
        }
        if (!allowing.isEmpty()) {
            return new Result(Decision.ALLOWED, allowing, missing);
        }
        return new Result(Decision.IMPLICIT_DENY, List.of(), missing);
    }

    private static List<JsonNode> statements(String document) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode doc;
        try {
            doc = JsonCodec.MAPPER.readTree(document);
        } catch (IOException e) {
            return out;
        }
        JsonNode st = doc == null ? null : doc.path("Statement");
        if (st != null && st.isArray()) {
            st.forEach(out::add);
        } else if (st != null && st.isObject()) {
            out.add(st);
        }
        return out;
    }

    private static boolean matchesAction(JsonNode st, String action) {
        if (st.has("Action")) {
            return anyMatches(st.get("Action"), action, true);
        }
        return st.has("NotAction") && !anyMatches(st.get("NotAction"), action, true);
    }

    private static boolean matchesResource(JsonNode st, String resource) {
        if (st.has("Resource")) {
            return anyMatches(st.get("Resource"), resource, false);
        }
        return st.has("NotResource") && !anyMatches(st.get("NotResource"), resource, false);
    }

    private static boolean anyMatches(JsonNode patterns, String value, boolean ignoreCase) {
        for (String p : strings(patterns)) {
            if (glob(p, ignoreCase).matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    /** IAM wildcards: {@code *} any run of characters, {@code ?} one. */
    static Pattern glob(String pattern, boolean ignoreCase) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }

    /**
     * Whether every condition of a statement holds. Keys absent from the request make positive
     * operators false (and are reported missing); negated and {@code ...IfExists} operators are true
     * for them, as in IAM. An operator the sandbox does not evaluate makes the statement not apply.
     */
    private static boolean conditionHolds(JsonNode condition, Map<String, List<String>> context, Set<String> missing) {
        if (condition.isMissingNode() || condition.isNull() || condition.isEmpty()) {
            return true;
        }
        for (var op : (Iterable<Map.Entry<String, JsonNode>>) condition::fields) {
            String operator = op.getKey();
            boolean ifExists = operator.endsWith("IfExists");
            String base = ifExists ? operator.substring(0, operator.length() - "IfExists".length()) : operator;
            if (!CONDITION_OPERATORS.contains(base)) {
                return false;
            }
            for (var kv : (Iterable<Map.Entry<String, JsonNode>>) op.getValue()::fields) {
                String key = kv.getKey().toLowerCase(Locale.ROOT);
                List<String> expected = strings(kv.getValue());
                List<String> actual = context.get(key);
                if (actual == null || actual.isEmpty()) {
                    if (!ifExists && !base.contains("Not")) {
                        missing.add(kv.getKey());
                        return false;
                    }
                    continue;
                }
                if (!holds(base, expected, actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean holds(String operator, List<String> expected, List<String> actual) {
        return switch (operator) {
            case "StringEquals" -> any(actual, a -> expected.contains(a));
            case "StringNotEquals" -> !any(actual, a -> expected.contains(a));
            case "StringEqualsIgnoreCase" -> any(actual, a -> expected.stream().anyMatch(e -> e.equalsIgnoreCase(a)));
            case "StringNotEqualsIgnoreCase" -> !any(actual, a -> expected.stream().anyMatch(e -> e.equalsIgnoreCase(a)));
            case "StringLike" -> any(actual, a -> expected.stream().anyMatch(e -> glob(e, false).matcher(a).matches()));
            case "StringNotLike" -> !any(actual, a -> expected.stream().anyMatch(e -> glob(e, false).matcher(a).matches()));
            case "Bool" -> any(actual, a -> expected.stream().anyMatch(e -> e.equalsIgnoreCase(a)));
            default -> dates(operator, expected, actual);
        };
    }

    private static boolean dates(String operator, List<String> expected, List<String> actual) {
        for (String a : actual) {
            Instant value = PolicyDocuments.time(a);
            for (String e : expected) {
                Instant bound = PolicyDocuments.time(e);
                if (value == null || bound == null) {
                    continue;
                }
                int c = value.compareTo(bound);
                boolean ok = switch (operator) {
                    case "DateLessThan" -> c < 0;
                    case "DateLessThanEquals" -> c <= 0;
                    case "DateGreaterThan" -> c > 0;
                    default -> c >= 0;
                };
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean any(List<String> values, java.util.function.Predicate<String> test) {
        return values.stream().anyMatch(test);
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        } else if (n.isValueNode()) {
            out.add(n.asText());
        }
        return out;
    }
}
