package dev.irshell.action.aws;

/**
 * {@code iam.restoreRoleSessions}: removes the role's {@code AWSRevokeOlderSessions} policy (or puts
 * back an earlier cut-off). Undo: {@code iam.revokeRoleSessions} with the removed cut-off.
 */
public final class RestoreRoleSessionsAction extends SessionCutoffAction {
    public static final String NAME = "iam.restoreRoleSessions";

    public RestoreRoleSessionsAction(AwsClientSource clients) {
        super(clients, NAME, "Remove a role's AWSRevokeOlderSessions policy (undo of iam.revokeRoleSessions)",
                Target.ROLE, false, RevokeRoleSessionsAction.NAME, false);
    }
}
