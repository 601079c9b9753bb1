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
import dev.irshell.action.Secret;
import dev.irshell.action.Undo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;

/**
 * {@code iam.createAccessKey}: a new access key for a user (the backup key of the rotation). The
 * secret is returned only as a {@link Secret}, never in data. Undo deletes the new key.
 */
public final class CreateAccessKeyAction extends AwsAction {
    public static final String NAME = "iam.createAccessKey";
    static final int MAX_KEYS = 2;

    public CreateAccessKeyAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME, "Create a new access key for a user (its secret is shown once)",
                Effect.CHANGE,
                List.of(ParamSpec.required("userName", ParamKind.USER_NAME, "the IAM user")),
                List.of("iam:ListAccessKeys", "iam:CreateAccessKey"), DeleteAccessKeyAction.NAME, null, false));
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        String user = ParamChecks.userName(params, "userName");
        return new Plan("create a new access key for " + user + " (at most " + MAX_KEYS + " per user)",
                List.of(iamCall("ListAccessKeys", Json.obj("UserName", user)),
                        iamCall("CreateAccessKey", Json.obj("UserName", user))), null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        String user = ParamChecks.userName(params, "userName");
        List<AccessKeyMetadata> existing = new IamKeys(clients).list(user);
        if (existing.size() >= MAX_KEYS) {
            String keys = existing.stream().map(k -> k.accessKeyId() + " (" + k.statusAsString() + ")")
                    .collect(Collectors.joining(", "));
            throw ActionFailure.aws("iam", "CreateAccessKey", AwsClientSource.IAM_REGION, "LimitExceeded",
                    user + " already has " + existing.size() + " access keys (" + keys + "), the most IAM allows"
                            + " (checked before calling CreateAccessKey): deactivate and delete one first with"
                            + " iam.deactivateAccessKey and iam.deleteAccessKey",
                    null, 0, null);
        }
        AccessKey k = iam("CreateAccessKey", () -> clients.iam().createAccessKey(b -> b.userName(user))).accessKey();
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("User", k.userName());
        rows.put("Access key", k.accessKeyId());
        rows.put("Status", k.statusAsString());
        rows.put("Created", Times.iso(k.createDate()));
        return new ActionResult(
                Json.obj("userName", k.userName(), "accessKeyId", k.accessKeyId(), "status", k.statusAsString(),
                        "createDate", k.createDate()),
                "created access key " + k.accessKeyId() + " for " + k.userName(),
                List.of(Tables.keyValue("New access key", rows)),
                List.of(Finding.info("the secret access key is shown once and not recorded: hand it to the key's"
                        + " owner now; if it is lost, delete the key and create another")),
                List.of(new Secret("SecretAccessKey for " + k.accessKeyId(), k.secretAccessKey())));
    }

    @Override
    public Optional<Undo> undo(Params params, ActionResult result) {
        String id = Json.text(result.data(), "accessKeyId");
        if (id == null) {
            return Optional.empty();
        }
        return Optional.of(new Undo(DeleteAccessKeyAction.NAME,
                Json.obj("userName", Json.text(result.data(), "userName"), "accessKeyId", id)));
    }
}
