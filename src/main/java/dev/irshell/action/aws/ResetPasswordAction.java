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
import dev.irshell.action.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code iam.resetPassword}: gives a user a new strong random console password that must be
 * changed at the next sign-in (procedure 000, "Change the password for all of the IAM users that
 * you created and want to keep"). The password is returned only as a {@link Secret}: never in
 * data, plan, summary, findings or failure messages. A user without a console password gets one
 * only when {@code createIfMissing} is true. No undo: the old password is gone.
 */
public final class ResetPasswordAction extends AwsAction {
    public static final String NAME = "iam.resetPassword";
    static final String NEW_PASSWORD = "(new random password, shown once)";

    private final Passwords passwords;

    public ResetPasswordAction(AwsClientSource clients) {
        this(clients, new Passwords());
    }

    ResetPasswordAction(AwsClientSource clients, Passwords passwords) {
        super(clients, new ActionSpec(NAME,
                "Set a new random console password for a user, to be changed at next sign-in (shown once)",
                Effect.CHANGE,
                List.of(ParamSpec.required("userName", ParamKind.USER_NAME, "the IAM user"),
                        ParamSpec.optional("createIfMissing", ParamKind.TEXT,
                                "true to give a console password to a user who has none (default false)")),
                List.of("iam:UpdateLoginProfile", "iam:CreateLoginProfile"), null, null, false));
        this.passwords = passwords;
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        String user = ParamChecks.userName(params, "userName");
        boolean create = ParamChecks.bool(params, "createIfMissing", false);
        List<PlannedCall> calls = new ArrayList<>();
        calls.add(iamCall("UpdateLoginProfile",
                Json.obj("UserName", user, "Password", NEW_PASSWORD, "PasswordResetRequired", true)));
        if (create) {
            calls.add(iamCall("CreateLoginProfile",
                    Json.obj("UserName", user, "Password", NEW_PASSWORD, "PasswordResetRequired", true)));
        }
        return new Plan("replace the console password of " + user + " with a new random one (shown once, to be changed"
                + " at next sign-in)" + (create ? "; if " + user + " has no password, create one (CreateLoginProfile)"
                : "; a user without a password is left without one")
                + ". The old password cannot be restored", calls, null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        String user = ParamChecks.userName(params, "userName");
        boolean create = ParamChecks.bool(params, "createIfMissing", false);
        String password = passwords.next();
        boolean created = false;
        try {
            iam("UpdateLoginProfile", () -> clients.iam().updateLoginProfile(
                    b -> b.userName(user).password(password).passwordResetRequired(true)));
        } catch (ActionFailure f) {
            if (!noLoginProfile(f)) {
                throw advised(f, user);
            }
            if (!create) {
                return new ActionResult(
                        Json.obj("userName", user, "hadPassword", false, "passwordSet", false, "created", false),
                        user + " has no console password: nothing reset",
                        List.of(),
                        List.of(Finding.info(user + " has no console password, so there was nothing to reset (run"
                                + " again with createIfMissing=true to give it one)")),
                        List.of());
            }
            try {
                iam("CreateLoginProfile", () -> clients.iam().createLoginProfile(
                        b -> b.userName(user).password(password).passwordResetRequired(true)));
            } catch (ActionFailure cf) {
                throw advised(cf, user);
            }
            created = true;
        }
        return new ActionResult(
                Json.obj("userName", user, "hadPassword", !created, "passwordSet", true, "created", created,
                        "passwordResetRequired", true),
                (created ? "created a console password for " : "reset the console password of ") + user
                        + " (shown once; no undo: the old password is gone)",
                List.of(),
                List.of(Finding.info("the new password of " + user + " is shown once and not recorded: hand it to "
                                + user + "'s owner over a trusted channel; they must change it at the next sign-in"),
                        Finding.warn("no undo: the old password of " + user + " cannot be restored, only replaced")),
                List.of(new Secret("New console password for " + user, password)));
    }

    /** UpdateLoginProfile's NoSuchEntity is about the password only when AWS names the login profile. */
    private static boolean noLoginProfile(ActionFailure f) {
        return AwsCalls.hasCode(f, "NoSuchEntity") && f.getMessage() != null
                && f.getMessage().toLowerCase(Locale.ROOT).contains("login profile");
    }

    private static ActionFailure advised(ActionFailure f, String user) {
        if (AwsCalls.hasCode(f, "PasswordPolicyViolation")) {
            return Failures.withMessage(f, f.getMessage() + ": the account's password policy refused a "
                    + Passwords.LENGTH + "-character password with upper- and lower-case letters, digits and symbols;"
                    + " check the policy (aws iam get-account-password-policy) and set " + user + "'s password by hand");
        }
        if (AwsCalls.hasCode(f, "EntityTemporarilyUnmodifiable")) {
            return Failures.withMessage(f, f.getMessage() + ": " + user + " was just changed; retry in a few seconds");
        }
        return f;
    }
}
