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
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.iam.model.GetLoginProfileResponse;

/**
 * {@code iam.disableConsoleAccess}: deletes a user's console password (the console's "Console
 * access: Disable"). A user without a password is a result, not an error. There is no undo: the
 * password is gone.
 */
public final class DisableConsoleAccessAction extends AwsAction {
    public static final String NAME = "iam.disableConsoleAccess";
    private static final String API_KEYS_STILL_WORK = "API access keys of %s still work until they are deactivated:"
            + " run iam.listAccessKeys and iam.deactivateAccessKey";

    public DisableConsoleAccessAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME, "Disable a user's console sign-in by deleting their password",
                Effect.DESTROY,
                List.of(ParamSpec.required("userName", ParamKind.USER_NAME, "the IAM user")),
                List.of("iam:GetLoginProfile", "iam:DeleteLoginProfile"), null, "userName", true));
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        String user = ParamChecks.userName(params, "userName");
        return new Plan("delete the console password of " + user + " (if it has one); it cannot be restored, only"
                + " replaced by a new password",
                List.of(iamCall("GetLoginProfile", Json.obj("UserName", user)),
                        iamCall("DeleteLoginProfile", Json.obj("UserName", user))), user);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        String user = ParamChecks.userName(params, "userName");
        GetLoginProfileResponse profile;
        try {
            profile = iam("GetLoginProfile", () -> clients.iam().getLoginProfile(b -> b.userName(user)));
        } catch (ActionFailure f) {
            if (AwsCalls.hasCode(f, "NoSuchEntity") && f.getMessage() != null
                    && f.getMessage().toLowerCase(java.util.Locale.ROOT).contains("login profile")) {
                return new ActionResult(Json.obj("userName", user, "hadPassword", false, "disabled", false),
                        user + " has no console password", List.of(),
                        List.of(Finding.info(user + " has no console password: nothing to disable"),
                                Finding.warn(API_KEYS_STILL_WORK.formatted(user))), List.of());
            }
            throw f;
        }
        Instant created = profile.loginProfile() == null ? null : profile.loginProfile().createDate();
        iam("DeleteLoginProfile", () -> clients.iam().deleteLoginProfile(b -> b.userName(user)));
        return new ActionResult(
                Json.obj("userName", user, "hadPassword", true, "disabled", true, "passwordCreated", created),
                "deleted the console password of " + user, List.of(),
                List.of(Finding.info("console sign-in of " + user + " is disabled (password created "
                                + Times.iso(created) + " deleted)"),
                        Finding.warn(API_KEYS_STILL_WORK.formatted(user))), List.of());
    }
}
