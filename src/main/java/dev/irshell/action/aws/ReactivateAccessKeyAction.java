package dev.irshell.action.aws;

/** {@code iam.reactivateAccessKey}: makes a key Active again; undo deactivates it. */
public final class ReactivateAccessKeyAction extends AccessKeyStatusAction {
    public static final String NAME = "iam.reactivateAccessKey";

    public ReactivateAccessKeyAction(AwsClientSource clients) {
        super(clients, NAME, "Reactivate an access key", "Active", DeactivateAccessKeyAction.NAME, false);
    }
}
