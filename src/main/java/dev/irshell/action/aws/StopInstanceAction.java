package dev.irshell.action.aws;

/** {@code ec2.stopInstance}: stops an instance (containment that keeps its EBS volumes); undo starts it. */
public final class StopInstanceAction extends InstanceStateAction {
    public static final String NAME = "ec2.stopInstance";

    public StopInstanceAction(AwsClientSource clients) {
        super(clients, NAME, "Stop an instance (EBS volumes kept; memory lost)", true, StartInstanceAction.NAME);
    }
}
