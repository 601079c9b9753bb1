package dev.irshell.action.aws;

import dev.irshell.action.ActionContext;
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
import java.util.List;
import java.util.Optional;

/** {@code iam.deleteAccessKey}: deletes a key for good. No undo. */
public final class DeleteAccessKeyAction extends AwsAction {
    public static final String NAME = "iam.deleteAccessKey";

    public DeleteAccessKeyAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME, "Delete an access key for good", Effect.DESTROY,
                List.of(ParamSpec.required("accessKeyId", ParamKind.ACCESS_KEY_ID, "the key"),
                        ParamSpec.optional("userName", ParamKind.USER_NAME, "its user (default: found from the key)")),
                List.of("iam:GetAccessKeyLastUsed", "iam:DeleteAccessKey"), null, "accessKeyId", true));
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
        calls.add(iamCall("DeleteAccessKey", Json.obj("UserName", u, "AccessKeyId", key)));
        return new Plan("delete access key " + key + " of " + u + " for good", calls, key);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        String key = ParamChecks.accessKeyId(params, "accessKeyId");
        String user = ParamChecks.optUserName(params, "userName").orElseGet(() -> new IamKeys(clients).owner(key));
        iam("DeleteAccessKey", () -> clients.iam().deleteAccessKey(b -> b.userName(user).accessKeyId(key)));
        return new ActionResult(Json.obj("userName", user, "accessKeyId", key, "deleted", true),
                "deleted access key " + key + " of " + user, List.of(),
                List.of(Finding.info(key + " of " + user + " is deleted: calls signed with it now fail with"
                        + " InvalidClientTokenId")), List.of());
    }
}
