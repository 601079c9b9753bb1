package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.irshell.action.Undo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Puts or removes the {@link SessionCutoff#POLICY_NAME} inline policy on a role or a user: the
 * shared body of {@code iam.revokeRoleSessions} / {@code iam.restoreRoleSessions} and
 * {@code iam.denyUserTemporaryCredentials} / {@code iam.allowUserTemporaryCredentials}, each pair
 * the other's undo.
 *
 * <p>Putting reads the policy already there first (GetRolePolicy/GetUserPolicy; absent is fine)
 * so that undo can put back an earlier cut-off instead of removing it. Removing reads it first
 * too (to record what is removed); given {@code revokedBefore}, it puts back that earlier cut-off
 * instead of deleting the policy.
 */
abstract class SessionCutoffAction extends AwsAction {
    enum Target {
        ROLE("roleName", "role", "RolePolicy"),
        USER("userName", "user", "UserPolicy");

        final String param;
        final String noun;
        final String suffix;

        Target(String param, String noun, String suffix) {
            this.param = param;
            this.noun = noun;
            this.suffix = suffix;
        }
    }

    private final Target target;
    private final boolean put;

    SessionCutoffAction(AwsClientSource clients, String name, String summary, Target target, boolean put,
                        String undoAction, boolean canLockOut) {
        super(clients, new ActionSpec(name, summary, Effect.CHANGE,
                List.of(target == Target.ROLE
                                ? ParamSpec.required("roleName", ParamKind.ROLE_NAME, "the IAM role")
                                : ParamSpec.required("userName", ParamKind.USER_NAME, "the IAM user"),
                        ParamSpec.optional("revokedBefore", ParamKind.DATETIME, put
                                ? "deny temporary credentials issued before this time (default: now)"
                                : "instead of removing the policy, put back this earlier cut-off")),
                put ? List.of("iam:Get" + target.suffix, "iam:Put" + target.suffix)
                        : List.of("iam:Get" + target.suffix, "iam:Delete" + target.suffix, "iam:Put" + target.suffix),
                undoAction, null, canLockOut));
        this.target = target;
        this.put = put;
    }

    private String name(Params p) {
        return target == Target.ROLE ? ContainmentParams.roleName(p, target.param) : ParamChecks.userName(p, target.param);
    }

    /** The cut-off to put: the parameter (never in the future), else now rounded up to the second. */
    private Optional<String> cutoff(Params p, ActionContext ctx) {
        Optional<Instant> given = p.optInstant("revokedBefore");
        Instant now = now(ctx);
        if (given.isPresent() && given.get().isAfter(SessionCutoff.cutoff(now))) {
            throw ActionFailure.invalidParam("revokedBefore", "a time not in the future (it is " + Times.iso(now) + ")",
                    Times.iso(given.get()));
        }
        if (given.isPresent()) {
            return Optional.of(Times.iso(given.get()));
        }
        return put ? Optional.of(Times.iso(SessionCutoff.cutoff(now))) : Optional.empty();
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        String n = name(params);
        Optional<String> givenTime = params.optInstant("revokedBefore").map(Times::iso);
        List<PlannedCall> calls = new ArrayList<>();
        calls.add(iamCall("Get" + target.suffix, ids(n)));
        boolean puts = put || givenTime.isPresent();
        if (puts) {
            String when = givenTime.orElse("(now, when it runs)");
            calls.add(iamCall("Put" + target.suffix, ids(n).put("PolicyDocument",
                    SessionCutoff.document(when).toString())));
        } else {
            calls.add(iamCall("Delete" + target.suffix, ids(n)));
        }
        String what = target == Target.ROLE
                ? "every session of role " + n + " issued before "
                : "the temporary credentials user " + n + " obtained (GetSessionToken, GetFederationToken) before ";
        String summary = puts
                ? "put inline policy " + SessionCutoff.POLICY_NAME + " on " + target.noun + " " + n + ": deny " + what
                        + givenTime.orElse("now") + (target == Target.USER ? "; its long-term access keys keep working" : "")
                : "remove inline policy " + SessionCutoff.POLICY_NAME + " from " + target.noun + " " + n
                        + ": temporary credentials issued before its cut-off work again (if not expired)";
        return new Plan(summary, calls, null);
    }

    private ObjectNode ids(String n) {
        return Json.obj(target == Target.ROLE ? "RoleName" : "UserName", n, "PolicyName", SessionCutoff.POLICY_NAME);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        String n = name(params);
        Optional<String> time = cutoff(params, ctx);
        JsonNode existing = existing(n);
        String existingTime = SessionCutoff.revokedBefore(existing);
        List<Finding> findings = new ArrayList<>();
        if (put) {
            putPolicy(n, time.orElseThrow());
            findings.add(Finding.info(target == Target.ROLE
                    ? "sessions of role " + n + " issued before " + time.get() + " are denied everything (it can take"
                            + " a few minutes); new sessions are not affected"
                    : "temporary credentials obtained by " + n + " before " + time.get() + " are denied everything;"
                            + " its long-term access keys are not affected: deactivate them with"
                            + " iam.deactivateAccessKey"));
            if (existing != null && existingTime == null) {
                findings.add(Finding.warn("the " + SessionCutoff.POLICY_NAME + " policy already on " + n
                        + " had no aws:TokenIssueTime and was replaced; it is in this result's data (previousDocument)"));
            }
            return new ActionResult(
                    Json.obj(target.param, n, "policyName", SessionCutoff.POLICY_NAME, "revokedBefore", time.get(),
                            "previousRevokedBefore", existingTime, "previousDocument", existing),
                    (target == Target.ROLE ? "revoked sessions of role " : "denied temporary credentials of user ") + n
                            + " issued before " + time.get(),
                    List.of(), findings, List.of());
        }
        if (existing == null && time.isEmpty()) {
            return new ActionResult(
                    Json.obj(target.param, n, "policyName", SessionCutoff.POLICY_NAME, "hadPolicy", false,
                            "removedRevokedBefore", null, "revokedBefore", null),
                    target.noun + " " + n + " has no " + SessionCutoff.POLICY_NAME + " policy: nothing to remove",
                    List.of(), List.of(Finding.info("nothing changed on " + n)), List.of());
        }
        if (time.isPresent()) {
            putPolicy(n, time.get());
            findings.add(Finding.warn("the earlier cut-off " + time.get() + " is back on " + n + ": temporary"
                    + " credentials issued between it and " + (existingTime == null ? "the removed cut-off" : existingTime)
                    + " work again if not expired"));
        } else {
            iam("Delete" + target.suffix, () -> target == Target.ROLE
                    ? clients.iam().deleteRolePolicy(b -> b.roleName(n).policyName(SessionCutoff.POLICY_NAME))
                    : clients.iam().deleteUserPolicy(b -> b.userName(n).policyName(SessionCutoff.POLICY_NAME)));
            findings.add(Finding.warn("temporary credentials of " + n + " issued before "
                    + (existingTime == null ? "the removed cut-off" : existingTime)
                    + " work again until they expire (at most 36 hours after issue)"));
        }
        return new ActionResult(
                Json.obj(target.param, n, "policyName", SessionCutoff.POLICY_NAME, "hadPolicy", existing != null,
                        "removedRevokedBefore", existingTime, "revokedBefore", time.orElse(null),
                        "removedDocument", existing),
                time.isPresent()
                        ? "put back the earlier cut-off " + time.get() + " on " + target.noun + " " + n
                        : "removed " + SessionCutoff.POLICY_NAME + " from " + target.noun + " " + n,
                List.of(), findings, List.of());
    }

    private void putPolicy(String n, String time) {
        String doc = SessionCutoff.document(time).toString();
        try {
            iam("Put" + target.suffix, () -> target == Target.ROLE
                    ? clients.iam().putRolePolicy(b -> b.roleName(n).policyName(SessionCutoff.POLICY_NAME).policyDocument(doc))
                    : clients.iam().putUserPolicy(b -> b.userName(n).policyName(SessionCutoff.POLICY_NAME).policyDocument(doc)));
        } catch (ActionFailure f) {
            if (AwsCalls.hasCode(f, "UnmodifiableEntity")) {
                throw Failures.withMessage(f, f.getMessage() + ": " + n + " is a service-linked role, whose sessions"
                        + " AWS does not let anyone revoke; contain it through the service that owns it");
            }
            throw f;
        }
    }

    /** The policy already there, decoded; null when there is none. */
    private JsonNode existing(String n) {
        try {
            String doc = target == Target.ROLE
                    ? iam("GetRolePolicy", () -> clients.iam().getRolePolicy(
                            b -> b.roleName(n).policyName(SessionCutoff.POLICY_NAME))).policyDocument()
                    : iam("GetUserPolicy", () -> clients.iam().getUserPolicy(
                            b -> b.userName(n).policyName(SessionCutoff.POLICY_NAME))).policyDocument();
            return PolicyDocs.decode(doc);
        } catch (ActionFailure f) {
            // NoSuchEntity names the policy when the policy is missing, the role/user when that is.
            if (AwsCalls.hasCode(f, "NoSuchEntity") && f.getMessage() != null
                    && f.getMessage().toLowerCase(Locale.ROOT).contains("policy")) {
                return null;
            }
            throw f;
        }
    }

    @Override
    public Optional<Undo> undo(Params params, ActionResult result) {
        JsonNode d = result.data();
        String n = Json.text(d, target.param);
        if (n == null || spec().undoAction() == null) {
            return Optional.empty();
        }
        if (put) {
            // Undo of a put: remove the policy, or put back the cut-off that was there before.
            return Optional.of(new Undo(spec().undoAction(),
                    Json.obj(target.param, n, "revokedBefore", Json.text(d, "previousRevokedBefore"))));
        }
        if (!d.path("hadPolicy").asBoolean(false)) {
            return Optional.empty();
        }
        String removed = Json.text(d, "removedRevokedBefore");
        if (removed == null) {
            return Optional.empty();
        }
        return Optional.of(new Undo(spec().undoAction(), Json.obj(target.param, n, "revokedBefore", removed)));
    }
}
