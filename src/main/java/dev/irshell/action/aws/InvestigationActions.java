package dev.irshell.action.aws;

import dev.irshell.action.Action;
import java.util.List;

/**
 * The read-only actions of procedure 000, "verify whether there was unauthorized activity", in the
 * order an investigation runs them: credentials, recent use, CloudTrail, resources, cost,
 * new identities, linked accounts, contacts, AWS's own quarantine.
 */
public final class InvestigationActions {
    private InvestigationActions() {}

    public static List<Action> all(AwsClientSource c) {
        return List.of(
                new CredentialReportAction(c),
                new LastAccessedAction(c),
                new LookupEventNamesAction(c),
                new InventoryAllRegionsAction(c),
                new CostComparisonAction(c),
                new CloudTrailChangesAction(c),
                new RecentIdentitiesAction(c),
                new OrgAccountsAction(c),
                new AccountContactsAction(c),
                new QuarantinedUsersAction(c));
    }
}
