package dev.irshell.action.aws;

import dev.irshell.action.Action;
import java.util.List;

/**
 * The CHANGE and DESTROY actions of procedure 000 ("If there was unauthorized activity in your AWS
 * account"), in the order a responder meets them: IAM users, passwords, sessions, policies and
 * roles, then EC2 instances and Lambda functions.
 */
public final class ContainmentActions {
    private ContainmentActions() {}

    public static List<Action> all(AwsClientSource c) {
        return List.of(
                new DeleteUserAction(c),
                new ResetPasswordAction(c),
                new RevokeRoleSessionsAction(c),
                new RestoreRoleSessionsAction(c),
                new DenyUserTemporaryCredentialsAction(c),
                new AllowUserTemporaryCredentialsAction(c),
                new DeletePolicyAction(c),
                new DeleteRoleAction(c),
                new SnapshotInstanceAction(c),
                new TerminateInstanceAction(c),
                new StopInstanceAction(c),
                new StartInstanceAction(c),
                new DeleteFunctionAction(c),
                new SetAlternateContactAction(c));
    }
}
