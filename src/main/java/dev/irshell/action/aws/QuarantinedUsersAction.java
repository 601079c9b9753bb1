package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.Finding;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.User;

/**
 * {@code iam.quarantinedUsers}: IAM users AWS quarantined (the AWSCompromisedKeyQuarantine policy
 * family attached, after AWS found their keys exposed), with their access keys.
 */
public final class QuarantinedUsersAction extends AwsAction {
    public static final String NAME = "iam.quarantinedUsers";
    /** AWSCompromisedKeyQuarantine, V2, V3, V4 and any later version. */
    static final Pattern QUARANTINE = Pattern.compile("^AWSCompromisedKeyQuarantine(V\\d+)?$");

    public QuarantinedUsersAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME, "Find IAM users AWS quarantined (AWSCompromisedKeyQuarantine* attached)",
                Effect.READ, List.of(dev.irshell.action.ParamSpec.optional("replacementKeys", dev.irshell.action.ParamKind.LIST,
                        "keys this response just created for these users: marked replacement, so they are not rotated away")),
                List.of("iam:ListUsers", "iam:ListAttachedUserPolicies", "iam:ListAccessKeys"), null, null, false));
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        return new Plan("list IAM users and the managed policies attached to each; for those with an"
                + " AWSCompromisedKeyQuarantine policy, list their access keys",
                List.of(iamCall("ListUsers", Json.object()),
                        iamCall("ListAttachedUserPolicies", Json.obj("UserName", "(each user)")),
                        iamCall("ListAccessKeys", Json.obj("UserName", "(each quarantined user)"))), null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        ActionContext.Progress progress = ctx == null || ctx.progress() == null ? ActionContext.Progress.NONE : ctx.progress();
        IamLists lists = new IamLists(clients);
        IamKeys keys = new IamKeys(clients);
        List<User> users = lists.users();
        java.util.Set<String> replacements = new java.util.HashSet<>(ParamChecks.list(params, "replacementKeys"));
        ArrayNode found = Json.array();
        List<List<String>> rows = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        int done = 0;
        for (User u : users) {
            List<String> policies = new ArrayList<>();
            for (AttachedPolicy p : lists.attachedUserPolicies(u.userName())) {
                if (p.policyName() != null && QUARANTINE.matcher(p.policyName()).matches()) {
                    policies.add(p.policyName());
                }
            }
            progress.update(NAME, ++done, users.size());
            if (policies.isEmpty()) {
                continue;
            }
            ArrayNode keyList = Json.array();
            List<String> keyCells = new ArrayList<>();
            for (AccessKeyMetadata k : keys.list(u.userName())) {
                boolean replacement = replacements.contains(k.accessKeyId());
                keyList.add(Json.obj("accessKeyId", k.accessKeyId(), "status", k.statusAsString(),
                        "createDate", k.createDate(), "replacement", replacement));
                keyCells.add(k.accessKeyId() + " " + k.statusAsString() + (replacement ? " (replacement)" : ""));
            }
            found.add(Json.obj("userName", u.userName(), "arn", u.arn(), "policies", Json.array(policies), "keys", keyList));
            rows.add(Tables.row(u.userName(), String.join(", ", policies), String.join(", ", keyCells)));
            findings.add(Finding.critical("AWS quarantined " + u.userName() + " (" + String.join(", ", policies)
                    + "): rotate its keys (" + (keyCells.isEmpty() ? "it has none now" : String.join(", ", keyCells))
                    + "), then detach the policy once the exposed key is deleted"));
        }
        if (found.isEmpty()) {
            findings.add(Finding.info("none of the " + users.size()
                    + " IAM user(s) has an AWSCompromisedKeyQuarantine policy attached"));
        }
        return new ActionResult(Json.obj("users", found, "usersChecked", users.size()),
                found.size() + " of " + users.size() + " IAM user(s) quarantined by AWS",
                List.of(Tables.of("Users quarantined by AWS", List.of("User", "Quarantine policies", "Access keys"), rows,
                        java.util.stream.IntStream.range(0, rows.size()).boxed().collect(java.util.stream.Collectors.toSet()))),
                findings, List.of());
    }
}
