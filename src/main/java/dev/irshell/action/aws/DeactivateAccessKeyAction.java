package dev.irshell.action.aws;

/** {@code iam.deactivateAccessKey}: makes a key Inactive (console "Make inactive"); undo reactivates it. */
public final class DeactivateAccessKeyAction extends AccessKeyStatusAction {
    public static final String NAME = "iam.deactivateAccessKey";

    public DeactivateAccessKeyAction(AwsClientSource clients) {
        super(clients, NAME, "Deactivate an access key (reversible)", "Inactive", ReactivateAccessKeyAction.NAME, true);
    }
}
