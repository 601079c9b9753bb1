package dev.irshell.action.aws;

/** {@code ec2.startInstance}: starts a stopped instance; undo stops it. */
public final class StartInstanceAction extends InstanceStateAction {
    public static final String NAME = "ec2.startInstance";

    public StartInstanceAction(AwsClientSource clients) {
        super(clients, NAME, "Start a stopped instance", false, StopInstanceAction.NAME);
    }
}
