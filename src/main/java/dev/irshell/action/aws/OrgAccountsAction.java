package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.Finding;
import dev.irshell.action.ParamKind;
import dev.irshell.action.ParamSpec;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;
import software.amazon.awssdk.services.organizations.model.Organization;

/**
 * {@code org.accounts}: the accounts of this account's AWS Organization (to spot linked accounts
 * an intruder created or invited), or that there is no organization.
 */
public final class OrgAccountsAction extends AwsAction {
    public static final String NAME = "org.accounts";
    static final String REGION = "us-east-1";
    static final String NOT_IN_USE = "AWSOrganizationsNotInUseException";

    public OrgAccountsAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME, "List the accounts of the organization, flagging recently joined ones",
                Effect.READ,
                List.of(ParamSpec.optional("since", ParamKind.DATETIME,
                        "accounts that joined at or after this time are flagged (e.g. the start of the incident)")),
                List.of("organizations:DescribeOrganization", "organizations:ListAccounts"), null, null, false));
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        params.optInstant("since");
        return new Plan("ask Organizations whether this account is in an organization and, if so, list its accounts",
                List.of(new PlannedCall("organizations", "DescribeOrganization", REGION, Json.object()),
                        new PlannedCall("organizations", "ListAccounts", REGION, Json.obj("MaxResults", 20))), null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        Instant since = params.optInstant("since").orElse(null);
        Organization org;
        try {
            org = call("organizations", "DescribeOrganization", REGION,
                    () -> clients.organizations().describeOrganization().organization());
        } catch (ActionFailure f) {
            if (AwsCalls.hasCode(f, NOT_IN_USE)) {
                return new ActionResult(Json.obj("inOrganization", false), "this account is not in an organization",
                        List.of(), List.of(Finding.info("this account is not in an organization: no linked accounts to check")),
                        List.of());
            }
            throw f;
        }
        String self = sessionAccount(ctx);
        List<Account> accounts = new ArrayList<>();
        String token = null;
        try {
            do {
                String t = token;
                ListAccountsResponse page = call("organizations", "ListAccounts", REGION,
                        () -> clients.organizations().listAccounts(b -> b.maxResults(20).nextToken(t)));
                accounts.addAll(page.accounts());
                token = page.nextToken() == null || page.nextToken().isBlank() ? null : page.nextToken();
            } while (token != null);
        } catch (ActionFailure f) {
            if (f.kind() == ActionFailure.Kind.ACCESS_DENIED && org.masterAccountId() != null
                    && !org.masterAccountId().equals(self)) {
                throw ActionFailure.accessDenied(f.service(), f.operation(), f.region(), f.errorCode(),
                        "this account (" + self + ") is a member of organization " + org.id()
                                + "; only its management account " + org.masterAccountId()
                                + " (or a delegated administrator) can list the accounts: run org.accounts with"
                                + " credentials of " + org.masterAccountId() + " (AWS said: " + f.getMessage() + ")",
                        f.requestId(), f.httpStatus(), f.missingPermission(), f);
            }
            throw f;
        }
        ArrayNode list = Json.array();
        List<List<String>> rows = new ArrayList<>();
        Set<Integer> highlighted = new HashSet<>();
        List<Finding> findings = new ArrayList<>();
        Instant now = now(ctx);
        Instant recent = since != null ? since : now.minus(java.time.Duration.ofDays(30));
        for (Account a : accounts) {
            list.add(Json.obj("id", a.id(), "name", a.name(), "email", a.email(), "status", a.statusAsString(),
                    "joinedMethod", a.joinedMethodAsString(), "joinedTimestamp", a.joinedTimestamp()));
            boolean joinedInWindow = since != null && a.joinedTimestamp() != null && !a.joinedTimestamp().isBefore(since);
            boolean createdRecently = "CREATED".equals(a.joinedMethodAsString()) && a.joinedTimestamp() != null
                    && !a.joinedTimestamp().isBefore(recent) && !a.id().equals(org.masterAccountId());
            if (joinedInWindow) {
                findings.add(Finding.critical("account " + a.id() + " (" + a.name() + ", " + a.email() + ") joined the"
                        + " organization " + Times.iso(a.joinedTimestamp()) + " by " + a.joinedMethodAsString()
                        + ": if nobody on your side added it, it may be a fraudulent linked account"));
            }
            if (createdRecently) {
                findings.add(Finding.warn("account " + a.id() + " (" + a.name() + ") was CREATED from the organization "
                        + Times.ago(a.joinedTimestamp(), now) + ": accounts created from a compromised management"
                        + " account are billed to you"));
            }
            if (joinedInWindow || createdRecently) {
                highlighted.add(rows.size());
            }
            rows.add(Tables.row(a.id(), a.name(), a.email(), a.statusAsString(), a.joinedMethodAsString(),
                    a.joinedTimestamp(), a.id().equals(org.masterAccountId()) ? "management" : ""));
        }
        ObjectNode data = Json.obj("inOrganization", true, "organizationId", org.id(),
                "managementAccountId", org.masterAccountId(), "accounts", list);
        return new ActionResult(data, accounts.size() + " account(s) in organization " + org.id(),
                List.of(Tables.of("Accounts of organization " + org.id(),
                        List.of("Account", "Name", "Email", "Status", "Joined by", "Joined", "Role"), rows, highlighted)),
                findings, List.of());
    }
}
