package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.Finding;
import dev.irshell.action.ParamKind;
import dev.irshell.action.ParamSpec;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;

/** {@code iam.listAccessKeys}: a user's access keys, their status and last use. */
public final class ListAccessKeysAction extends AwsAction {
    public static final String NAME = "iam.listAccessKeys";
    static final Duration RECENT = Duration.ofDays(7);

    public ListAccessKeysAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME, "List a user's access keys with their status and last use",
                Effect.READ,
                List.of(ParamSpec.required("userName", ParamKind.USER_NAME, "the IAM user")),
                List.of("iam:ListAccessKeys", "iam:GetAccessKeyLastUsed"), null, null, false));
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        String user = ParamChecks.userName(params, "userName");
        return new Plan("list the access keys of " + user + " and when each was last used",
                List.of(iamCall("ListAccessKeys", Json.obj("UserName", user)),
                        iamCall("GetAccessKeyLastUsed", Json.obj("AccessKeyId", "(each key)"))), null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        String user = ParamChecks.userName(params, "userName");
        IamKeys iamKeys = new IamKeys(clients);
        Instant now = now(ctx);
        ArrayNode keys = Json.array();
        List<List<String>> rows = new ArrayList<>();
        Set<Integer> highlighted = new HashSet<>();
        List<Finding> findings = new ArrayList<>();
        int active = 0;
        for (AccessKeyMetadata k : iamKeys.list(user)) {
            AccessKeyLastUsed used = iamKeys.lastUsed(k.accessKeyId()).accessKeyLastUsed();
            Instant date = used == null ? null : used.lastUsedDate();
            String service = used == null ? null : used.serviceName();
            String region = used == null ? null : used.region();
            String status = k.statusAsString();
            keys.add(Json.obj("accessKeyId", k.accessKeyId(), "status", status, "createDate", k.createDate(),
                    "lastUsedDate", date, "lastUsedService", service, "lastUsedRegion", region));
            boolean isActive = "Active".equals(status);
            if (isActive) {
                active++;
            }
            if (isActive && date != null && Duration.between(date, now).compareTo(RECENT) < 0) {
                highlighted.add(rows.size());
                findings.add(Finding.warn(k.accessKeyId() + " is active and was used " + Times.ago(date, now) + " with "
                        + service + " in " + region + ": if it is compromised, deactivate it (iam.deactivateAccessKey)"));
            }
            rows.add(Tables.row(k.accessKeyId(), status, k.createDate(), date == null ? "never" : Times.iso(date),
                    service, region));
        }
        if (active >= 2) {
            findings.add(Finding.info(user + " has two active keys, the most IAM allows: a new key can only be created"
                    + " after one is deleted"));
        }
        return new ActionResult(Json.obj("userName", user, "keys", keys),
                user + " has " + keys.size() + " access key(s), " + active + " active",
                List.of(Tables.of("Access keys of " + user,
                        List.of("Access key", "Status", "Created", "Last used", "Service", "Region"), rows, highlighted)),
                findings, List.of());
    }
}
