package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * Organizations (JSON 1.1, 2016-11-28). Global: signed for us-east-1, events in us-east-1. Lists
 * come in pages of at most {@link #PAGE_LIMIT}, so clients must follow {@code NextToken}.
 */
final class OrganizationsService extends ServiceHandler {
    static final int PAGE_LIMIT = 2;
    /** MaxResults of the list operations: 1 to 20. */
    static final int MAX_RESULTS = 20;
    /** Accepted (declined, canceled, expired) handshakes stay visible for 30 days after the change. */
    static final Duration HANDSHAKE_VISIBILITY = Duration.ofDays(30);

    OrganizationsService() {
        super("organizations", JsonCodec.INSTANCE);
        register("DescribeOrganization", READ, this::describeOrganization);
        register("ListAccounts", READ, this::listAccounts);
        register("DescribeAccount", READ, this::describeAccount);
        register("ListCreateAccountStatus", READ, this::listCreateAccountStatus);
        register("ListHandshakesForOrganization", READ, this::listHandshakesForOrganization);
    }

    @Override
    String jsonTargetPrefix() {
        return "AWSOrganizationsV20161128";
    }

    @Override
    String eventRegion(String signingRegion) {
        return "us-east-1";
    }

    @Override
    boolean regional() {
        return false;
    }

    static AwsError notInUse() {
        return new AwsError(400, "AWSOrganizationsNotInUseException",
                "Your account is not a member of an organization.");
    }

    static AwsError accessDenied() {
        return new AwsError(400, "AccessDeniedException", "You don't have permissions to access this resource.");
    }

    static AwsError invalidInput(String reason, String message) {
        return new AwsError(400, "InvalidInputException", message + " (" + reason + ")");
    }

    private static Organization organization(Call call) {
        return call.state.organization().orElseThrow(OrganizationsService::notInUse);
    }

    /** Only the management account lists and describes the organization's accounts. */
    private static Organization managed(Call call) {
        Organization org = organization(call);
        if (!org.managementAccountId().equals(call.accountId())) {
            throw accessDenied();
        }
        return org;
    }

    private ObjectNode describeOrganization(Call call) {
        Organization org = organization(call);
        ObjectNode out = call.object();
        ObjectNode o = out.putObject("Organization");
        o.put("Id", org.id());
        o.put("Arn", org.arn());
        o.put("FeatureSet", org.featureSet());
        o.put("MasterAccountArn", org.accountArn(org.managementAccountId()));
        o.put("MasterAccountId", org.managementAccountId());
        o.put("MasterAccountEmail", org.managementAccountEmail());
        o.putArray("AvailablePolicyTypes");
        return out;
    }

    private ObjectNode listAccounts(Call call) {
        Organization org = managed(call);
        Pages.Page<Organization.Member> page = page(call, call.state.members(), "org-accounts");
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("Accounts");
        page.items().forEach(m -> list.add(accountNode(call, org, m)));
        return withToken(out, page);
    }

    private ObjectNode describeAccount(Call call) {
        Organization org = managed(call);
        String id = call.str("AccountId");
        if (id == null || !id.matches("\\d{12}")) {
            throw invalidInput("INVALID_INPUT", "You provided a value that does not match the required pattern.");
        }
        Organization.Member m = call.state.member(id).orElseThrow(() -> new AwsError(400,
                "AccountNotFoundException", "You specified an account that doesn't exist."));
        call.resource("AWS::Organizations::Account", org.accountArn(id));
        ObjectNode out = call.object();
        out.set("Account", accountNode(call, org, m));
        return out;
    }

    private ObjectNode listCreateAccountStatus(Call call) {
        managed(call);
        List<String> states = call.strings("States");
        for (String s : states) {
            if (!List.of("IN_PROGRESS", "SUCCEEDED", "FAILED").contains(s)) {
                throw invalidInput("INVALID_ENUM", "You specified an invalid value: " + s + ".");
            }
        }
        List<Organization.CreateAccountStatus> all = call.state.createAccountStatuses().stream()
                .filter(s -> states.isEmpty() || states.contains(s.state())).toList();
        Pages.Page<Organization.CreateAccountStatus> page = page(call, all, "org-car");
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("CreateAccountStatuses");
        for (Organization.CreateAccountStatus s : page.items()) {
            ObjectNode n = list.addObject();
            n.put("Id", s.id());
            n.put("AccountName", s.accountName());
            n.put("State", s.state());
            n.set("RequestedTimestamp", call.time(s.requested()));
            if (s.completed() != null) {
                n.set("CompletedTimestamp", call.time(s.completed()));
            }
            if (s.accountId() != null) {
                n.put("AccountId", s.accountId());
            }
        }
        return withToken(out, page);
    }

    private ObjectNode listHandshakesForOrganization(Call call) {
        Organization org = managed(call);
        JsonNode filter = call.node("Filter");
        String action = filter.path("ActionType").asText(null);
        if (action != null && !List.of("INVITE", "ENABLE_ALL_FEATURES", "APPROVE_ALL_FEATURES",
                "ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE").contains(action)) {
            throw invalidInput("INVALID_ENUM", "You specified an invalid value: " + action + ".");
        }
        List<Organization.Handshake> all = call.state.handshakes().stream()
                .filter(h -> action == null || action.equals("INVITE"))
                .filter(h -> h.state().equals("OPEN") || h.state().equals("REQUESTED")
                        || !h.changed().plus(HANDSHAKE_VISIBILITY).isBefore(call.now))
                .toList();
        Pages.Page<Organization.Handshake> page = page(call, all, "org-handshakes");
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("Handshakes");
        for (Organization.Handshake h : page.items()) {
            ObjectNode n = list.addObject();
            n.put("Id", h.id());
            n.put("Arn", org.handshakeArn(h.id()));
            ArrayNode parties = n.putArray("Parties");
            parties.addObject().put("Id", org.id().substring(2)).put("Type", "ORGANIZATION");
            parties.addObject().put("Id", h.accountId()).put("Type", "ACCOUNT");
            n.put("State", h.state());
            n.set("RequestedTimestamp", call.time(h.requested()));
            n.set("ExpirationTimestamp", call.time(h.expiration()));
            n.put("Action", "INVITE");
            ArrayNode resources = n.putArray("Resources");
            ObjectNode orgResource = resources.addObject();
            orgResource.put("Value", org.id()).put("Type", "ORGANIZATION");
            ArrayNode inner = orgResource.putArray("Resources");
            inner.addObject().put("Value", org.managementAccountEmail()).put("Type", "MASTER_EMAIL");
            call.state.member(org.managementAccountId()).ifPresent(m ->
                    inner.addObject().put("Value", m.name()).put("Type", "MASTER_NAME"));
            inner.addObject().put("Value", org.featureSet()).put("Type", "ORGANIZATION_FEATURE_SET");
            resources.addObject().put("Value", h.accountId()).put("Type", "ACCOUNT");
        }
        return withToken(out, page);
    }

    private static ObjectNode accountNode(Call call, Organization org, Organization.Member m) {
        ObjectNode n = call.object();
        n.put("Id", m.id());
        n.put("Arn", org.accountArn(m.id()));
        n.put("Email", m.email());
        n.put("Name", m.name());
        n.put("Status", m.status());
        n.put("State", m.status());
        n.put("JoinedMethod", m.joinedMethod());
        n.set("JoinedTimestamp", call.time(m.joined()));
        return n;
    }

    private static <T> Pages.Page<T> page(Call call, List<T> all, String kind) {
        Integer max = call.integer("MaxResults");
        if (max != null && (max < 1 || max > MAX_RESULTS)) {
            throw invalidInput("MAX_LIMIT_EXCEEDED_FILTER", "You provided a value that is outside the allowed "
                    + "range: MaxResults must be between 1 and " + MAX_RESULTS + ".");
        }
        int size = Math.min(max == null ? MAX_RESULTS : max, PAGE_LIMIT);
        return Pages.slice(all, kind, call.str("NextToken"), size,
                () -> invalidInput("INVALID_PAGINATION_TOKEN", "The NextToken is not valid."));
    }

    private static ObjectNode withToken(ObjectNode out, Pages.Page<?> page) {
        if (page.next() != null) {
            out.put("NextToken", page.next());
        }
        return out;
    }
}
