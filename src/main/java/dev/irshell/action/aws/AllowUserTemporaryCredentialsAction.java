package dev.irshell.action.aws;

/**
 * {@code iam.allowUserTemporaryCredentials}: removes the user's {@code AWSRevokeOlderSessions}
 * policy (or puts back an earlier cut-off). Undo: {@code iam.denyUserTemporaryCredentials}.
 */
public final class AllowUserTemporaryCredentialsAction extends SessionCutoffAction {
    public static final String NAME = "iam.allowUserTemporaryCredentials";

    public AllowUserTemporaryCredentialsAction(AwsClientSource clients) {
        super(clients, NAME, "Remove a user's AWSRevokeOlderSessions policy (undo of iam.denyUserTemporaryCredentials)",
                Target.USER, false, DenyUserTemporaryCredentialsAction.NAME, false);
    }
}
