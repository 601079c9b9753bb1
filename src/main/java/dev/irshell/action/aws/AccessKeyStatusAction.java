package dev.irshell.action.aws;

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
import dev.irshell.action.Undo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;

/**
 * Sets an access key's status (UpdateAccessKey): the shared body of
 * {@link DeactivateAccessKeyAction} and {@link ReactivateAccessKeyAction}, each the other's undo.
 * The owner is found with GetAccessKeyLastUsed when no user name is given.
 */
abstract class AccessKeyStatusAction extends AwsAction {
    private final String status;

    AccessKeyStatusAction(AwsClientSource clients, String name, String summary, String status, String undoAction,
                          boolean canLockOut) {
        super(clients, new ActionSpec(name, summary, Effect.CHANGE,
                List.of(ParamSpec.required("accessKeyId", ParamKind.ACCESS_KEY_ID, "the key"),
                        ParamSpec.optional("userName", ParamKind.USER_NAME, "its user (default: found from the key)")),
                List.of("iam:GetAccessKeyLastUsed", "iam:ListAccessKeys", "iam:UpdateAccessKey"),
                undoAction, null, canLockOut));
        this.status = status;
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        String key = ParamChecks.accessKeyId(params, "accessKeyId");
        Optional<String> user = ParamChecks.optUserName(params, "userName");
        List<PlannedCall> calls = new ArrayList<>();
        if (user.isEmpty()) {
            calls.add(iamCall("GetAccessKeyLastUsed", Json.obj("AccessKeyId", key)));
        }
        String u = user.orElse("(owner of " + key + ")");
        calls.add(iamCall("ListAccessKeys", Json.obj("UserName", u)));
        calls.add(iamCall("UpdateAccessKey", Json.obj("UserName", u, "AccessKeyId", key, "Status", status)));
        return new Plan("set access key " + key + " of " + u + " to " + status, calls, null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        String key = ParamChecks.accessKeyId(params, "accessKeyId");
        if (key.startsWith("ASIA")) {
            throw ActionFailure.invalidParam("accessKeyId", "a long-term IAM user key (AKIA...): temporary ASIA keys"
                    + " cannot be deactivated, revoke the role's sessions instead", key);
        }
        IamKeys keys = new IamKeys(clients);
        String user = ParamChecks.optUserName(params, "userName").orElseGet(() -> keys.owner(key));
        AccessKeyMetadata before = keys.find(user, key).orElseThrow(() -> ActionFailure.notFound(
                key + " is not an access key of " + user + ": check both with iam.accessKeyOwner"));
        String previous = before.statusAsString();
        List<Finding> findings = new ArrayList<>();
        boolean changed = !status.equals(previous);
        if (changed) {
            iam("UpdateAccessKey", () -> clients.iam().updateAccessKey(b -> b.userName(user).accessKeyId(key).status(status)));
            findings.add(status.equals("Inactive")
                    ? Finding.info(key + " of " + user + " is now Inactive: every call signed with it fails from now on;"
                            + " reactivate with iam.reactivateAccessKey if something legitimate breaks")
                    : Finding.warn(key + " of " + user + " is Active again: anyone holding its secret can use it"));
        } else {
            findings.add(Finding.info(key + " of " + user + " was already " + status + ": nothing changed"));
        }
        return new ActionResult(
                Json.obj("userName", user, "accessKeyId", key, "previousStatus", previous, "status", status,
                        "changed", changed),
                key + " of " + user + ": " + previous + " -> " + status,
                List.of(Tables.of("Access key " + key, List.of("User", "Access key", "Before", "Now"),
                        List.of(Tables.row(user, key, previous, status)), java.util.Set.of())),
                findings, List.of());
    }

    @Override
    public Optional<Undo> undo(Params params, ActionResult result) {
        String previous = Json.text(result.data(), "previousStatus");
        if (previous == null || previous.equals(status) || spec().undoAction() == null) {
            return Optional.empty();
        }
        return Optional.of(new Undo(spec().undoAction(), Json.obj(
                "accessKeyId", Json.text(result.data(), "accessKeyId"),
                "userName", Json.text(result.data(), "userName"))));
    }
}
