package dev.irshell.action.aws;

import dev.irshell.action.Action;
import java.util.List;

/** The AWS actions of the catalogue, in display order. */
public final class AwsActions {
    private AwsActions() {}

    public static List<Action> all(AwsClients clients) {
        return all((AwsClientSource) clients);
    }

    /** The same actions over any client source (tests, fakes). */
    public static List<Action> all(AwsClientSource clients) {
        List<Action> all = new java.util.ArrayList<>(procedure001(clients));
        all.addAll(InvestigationActions.all(clients));
        all.addAll(ContainmentActions.all(clients));
        return List.copyOf(all);
    }

    /** The actions procedure 001 uses. */
    static List<Action> procedure001(AwsClientSource clients) {
        return List.of(
                new WhoAmIAction(clients),
                new FindInstanceAction(clients),
                new LookupEventsAction(clients),
                new AccessKeyOwnerAction(clients),
                new ListAccessKeysAction(clients),
                new DisableConsoleAccessAction(clients),
                new CreateAccessKeyAction(clients),
                new DeactivateAccessKeyAction(clients),
                new ReactivateAccessKeyAction(clients),
                new DeleteAccessKeyAction(clients));
    }
}
