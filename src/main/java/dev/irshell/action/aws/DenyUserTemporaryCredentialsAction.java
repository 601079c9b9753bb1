package dev.irshell.action.aws;

/**
 * {@code iam.denyUserTemporaryCredentials}: denies everything to the temporary credentials a user
 * obtained with GetSessionToken or GetFederationToken before now (the user's long-term keys are
 * not affected). Undo: {@code iam.allowUserTemporaryCredentials}.
 */
public final class DenyUserTemporaryCredentialsAction extends SessionCutoffAction {
    public static final String NAME = "iam.denyUserTemporaryCredentials";

    public DenyUserTemporaryCredentialsAction(AwsClientSource clients) {
        super(clients, NAME, "Deny the temporary credentials a user obtained before now (GetSessionToken/GetFederationToken)",
                Target.USER, true, AllowUserTemporaryCredentialsAction.NAME, true);
    }
}
