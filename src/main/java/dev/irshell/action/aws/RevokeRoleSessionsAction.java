package dev.irshell.action.aws;

/**
 * {@code iam.revokeRoleSessions}: the console's "Revoke active sessions": denies everything to
 * every session of the role issued before now. Undo: {@code iam.restoreRoleSessions}. It can cut
 * off the session's own credentials when they are a session of this role.
 */
public final class RevokeRoleSessionsAction extends SessionCutoffAction {
    public static final String NAME = "iam.revokeRoleSessions";

    public RevokeRoleSessionsAction(AwsClientSource clients) {
        super(clients, NAME, "Revoke a role's active sessions: deny everything to sessions issued before now",
                Target.ROLE, true, RestoreRoleSessionsAction.NAME, true);
    }
}
