package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.Finding;
import dev.irshell.action.ParamKind;
import dev.irshell.action.ParamSpec;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.User;

/**
 * {@code iam.recentIdentities}: IAM users, roles and customer-managed policies created at or
 * after a time, with whom each new role trusts.
 */
public final class RecentIdentitiesAction extends AwsAction {
    public static final String NAME = "iam.recentIdentities";
    private static final Pattern ACCOUNT_ID = Pattern.compile("^(\\d{12})$");
    private static final Pattern ARN_ACCOUNT = Pattern.compile("^arn:aws[a-z-]*:(?:iam|sts)::(\\d{12}):.*$");

    public RecentIdentitiesAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME, "List IAM users, roles and customer-managed policies created since a time",
                Effect.READ,
                List.of(ParamSpec.required("since", ParamKind.DATETIME,
                        "identities created at or after this time, e.g. the start of the incident")),
                List.of("iam:ListUsers", "iam:ListRoles", "iam:ListPolicies"), null, null, false));
    }

    private static Instant since(Params params) {
        return params.optInstant("since").orElseThrow(
                () -> ActionFailure.invalidParam("since", ParamKind.DATETIME.expected(), ""));
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        Instant since = since(params);
        return new Plan("list IAM users, roles and customer-managed policies and keep those created since "
                + Times.iso(since),
                List.of(iamCall("ListUsers", Json.object()), iamCall("ListRoles", Json.object()),
                        iamCall("ListPolicies", Json.obj("Scope", "Local"))), null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        Instant since = since(params);
        String account = sessionAccount(ctx);
        IamLists lists = new IamLists(clients);
        List<List<String>> rows = new ArrayList<>();
        Set<Integer> highlighted = new HashSet<>();
        List<Finding> findings = new ArrayList<>();

        ArrayNode users = Json.array();
        for (User u : lists.users()) {
            if (isSince(u.createDate(), since)) {
                users.add(Json.obj("name", u.userName(), "arn", u.arn(), "created", u.createDate()));
                findings.add(Finding.critical("IAM user " + u.userName() + " was created " + Times.iso(u.createDate())
                        + ": if nobody on your side created it, delete it (with its keys, password and policies)"));
                highlighted.add(rows.size());
                rows.add(Tables.row("user", u.userName(), u.createDate(), u.arn()));
            }
        }
        ArrayNode roles = Json.array();
        for (Role r : lists.roles()) {
            if (!isSince(r.createDate(), since)) {
                continue;
            }
            JsonNode trust = trustPolicy(r.assumeRolePolicyDocument());
            List<String> principals = trustedPrincipals(trust);
            roles.add(Json.obj("name", r.roleName(), "arn", r.arn(), "created", r.createDate(),
                    "trustedPrincipals", Json.array(principals), "trustPolicy", trust));
            findings.add(Finding.critical("IAM role " + r.roleName() + " was created " + Times.iso(r.createDate())
                    + " trusting " + (principals.isEmpty() ? "nobody listed" : String.join(", ", principals))
                    + ": if nobody on your side created it, delete it"));
            Set<String> foreign = foreignAccounts(principals, account);
            if (!foreign.isEmpty()) {
                findings.add(Finding.critical("role " + r.roleName() + " trusts "
                        + (foreign.contains("*") ? "anyone (*)" : "account(s) " + String.join(", ", foreign))
                        + ", not only this account " + account + ": whoever controls that can assume it from outside"));
            }
            highlighted.add(rows.size());
            rows.add(Tables.row("role", r.roleName(), r.createDate(), "trusts " + String.join(", ", principals)));
        }
        ArrayNode policies = Json.array();
        for (Policy p : lists.localPolicies()) {
            if (isSince(p.createDate(), since)) {
                policies.add(Json.obj("name", p.policyName(), "arn", p.arn(), "created", p.createDate(),
                        "attachmentCount", p.attachmentCount()));
                findings.add(Finding.critical("customer-managed policy " + p.policyName() + " was created "
                        + Times.iso(p.createDate()) + " and is attached " + p.attachmentCount() + " time(s)"
                        + ": review what it grants and to whom"));
                highlighted.add(rows.size());
                rows.add(Tables.row("policy", p.policyName(), p.createDate(), "attached " + p.attachmentCount() + "x"));
            }
        }
        if (rows.isEmpty()) {
            findings.add(Finding.info("no IAM user, role or customer-managed policy was created since " + Times.iso(since)));
        }
        ObjectNode data = Json.obj("since", since, "users", users, "roles", roles, "policies", policies);
        return new ActionResult(data, users.size() + " user(s), " + roles.size() + " role(s), " + policies.size()
                + " policy(ies) created since " + Times.iso(since),
                List.of(Tables.of("IAM identities created since " + Times.iso(since),
                        List.of("Type", "Name", "Created", "Detail"), rows, highlighted)),
                findings, List.of());
    }

    private static boolean isSince(Instant created, Instant since) {
        return created != null && !created.isBefore(since);
    }

    /** The trust policy as JSON: IAM returns it URL-encoded; a raw JSON document is taken as is. */
    static JsonNode trustPolicy(String document) {
        if (document == null || document.isBlank()) {
            return null;
        }
        String text = document.trim();
        if (!text.startsWith("{")) {
            text = URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        return Json.parseOrNull(text);
    }

    /** Principals of the Allow statements: "*", account ids/ARNs, service and federated names. */
    static List<String> trustedPrincipals(JsonNode policy) {
        Set<String> out = new LinkedHashSet<>();
        if (policy == null) {
            return List.of();
        }
        JsonNode statements = policy.path("Statement");
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else if (statements.isObject()) {
            list.add(statements);
        }
        for (JsonNode s : list) {
            if (!"Allow".equalsIgnoreCase(s.path("Effect").asText("Allow"))) {
                continue;
            }
            JsonNode p = s.path("Principal");
            if (p.isTextual()) {
                out.add(p.asText());
            } else if (p.isObject()) {
                p.fields().forEachRemaining(e -> {
                    if (e.getValue().isArray()) {
                        e.getValue().forEach(v -> out.add(v.asText()));
                    } else {
                        out.add(e.getValue().asText());
                    }
                });
            }
        }
        return new ArrayList<>(out);
    }

    /** Accounts other than {@code own} among the principals ("*" when anyone may assume). */
    static Set<String> foreignAccounts(List<String> principals, String own) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : principals) {
            if (p.equals("*")) {
                out.add("*");
                continue;
            }
            Matcher m = ACCOUNT_ID.matcher(p);
            Matcher a = ARN_ACCOUNT.matcher(p);
            String acct = m.matches() ? m.group(1) : a.matches() ? a.group(1) : null;
            if (acct != null && !acct.equals(own)) {
                out.add(acct);
            }
        }
        return out;
    }
}
