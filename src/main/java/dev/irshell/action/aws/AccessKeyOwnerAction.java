package dev.irshell.action.aws;

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
import dev.irshell.action.PlannedCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;

/**
 * {@code iam.accessKeyOwner}: whose access key this is (the console's "search IAM for the key"):
 * the account (STS GetAccessKeyInfo) and, for a long-term key of this account, the IAM user and
 * when and where the key was last used.
 */
public final class AccessKeyOwnerAction extends AwsAction {
    public static final String NAME = "iam.accessKeyOwner";

    public AccessKeyOwnerAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME, "Find the IAM user and account an access key belongs to",
                Effect.READ,
                List.of(ParamSpec.required("accessKeyId", ParamKind.ACCESS_KEY_ID, "the key to look up")),
                List.of("sts:GetAccessKeyInfo", "iam:GetAccessKeyLastUsed"), null, null, false));
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        String key = ParamChecks.accessKeyId(params, "accessKeyId");
        List<PlannedCall> calls = new ArrayList<>();
        calls.add(new PlannedCall("sts", "GetAccessKeyInfo", clients.defaultRegion(), Json.obj("AccessKeyId", key)));
        if (key.startsWith("AKIA")) {
            calls.add(iamCall("GetAccessKeyLastUsed", Json.obj("AccessKeyId", key)));
        }
        return new Plan("find the account and owner of " + key, calls, null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        String key = ParamChecks.accessKeyId(params, "accessKeyId");
        String sessionAccount = sessionAccount(ctx);
        List<Finding> findings = new ArrayList<>();
        String region = clients.defaultRegion();
        String account = null;
        try {
            account = call("sts", "GetAccessKeyInfo", region,
                    () -> clients.sts().getAccessKeyInfo(b -> b.accessKeyId(key))).account();
        } catch (ActionFailure f) {
            if (f.kind() == ActionFailure.Kind.CREDENTIALS) {
                throw f;
            }
            findings.add(Finding.warn("could not ask STS which account owns " + key + ": " + f.describe()));
        }
        boolean foreign = account != null && sessionAccount != null && !account.equals(sessionAccount);
        if (foreign) {
            findings.add(Finding.critical(key + " belongs to account " + account + ", not to this session's account "
                    + sessionAccount + ": its owner and its activity are only visible with credentials of " + account));
        }
        Map<String, Object> rows = new LinkedHashMap<>();
        ObjectNode data;
        if (key.startsWith("ASIA")) {
            data = Json.obj("accessKeyId", key, "userName", null, "lastUsedDate", null, "lastUsedService", null,
                    "lastUsedRegion", null, "temporary", true, "account", account);
            findings.add(Finding.warn(key + " is a temporary key of a role session, not an IAM user's key: take the"
                    + " Username from its CloudTrail events (cloudtrail.lookupEvents attribute=AccessKeyId) and revoke"
                    + " the role's active sessions"));
            rows.put("Access key", key);
            rows.put("Kind", "temporary (STS)");
            rows.put("Account", account);
            return new ActionResult(data, key + " is a temporary key" + (account != null ? " of account " + account : ""),
                    List.of(Tables.keyValue("Access key " + key, rows)), findings, List.of());
        }
        if (foreign) {
            data = Json.obj("accessKeyId", key, "userName", null, "lastUsedDate", null, "lastUsedService", null,
                    "lastUsedRegion", null, "temporary", false, "account", account);
            rows.put("Access key", key);
            rows.put("Account", account);
            return new ActionResult(data, key + " belongs to another account, " + account,
                    List.of(Tables.keyValue("Access key " + key, rows)), findings, List.of());
        }
        GetAccessKeyLastUsedResponse r = new IamKeys(clients).lastUsed(key);
        AccessKeyLastUsed used = r.accessKeyLastUsed();
        String service = used == null ? null : used.serviceName();
        String usedRegion = used == null ? null : used.region();
        java.time.Instant date = used == null ? null : used.lastUsedDate();
        data = Json.obj("accessKeyId", key, "userName", r.userName(), "lastUsedDate", date,
                "lastUsedService", service, "lastUsedRegion", usedRegion, "temporary", false,
                "account", account != null ? account : sessionAccount);
        rows.put("Access key", key);
        rows.put("User", r.userName());
        rows.put("Account", account != null ? account : sessionAccount);
        rows.put("Last used", date == null ? "never (or not since tracking began)" : Times.iso(date));
        rows.put("Last service", service);
        rows.put("Last region", usedRegion);
        findings.add(Finding.info(key + " belongs to IAM user " + r.userName() + "; last used "
                + (date == null ? "never" : Times.ago(date, now(ctx)) + " with " + service + " in " + usedRegion)));
        return new ActionResult(data, key + " belongs to " + r.userName(),
                List.of(Tables.keyValue("Access key " + key, rows)), findings, List.of());
    }
}
