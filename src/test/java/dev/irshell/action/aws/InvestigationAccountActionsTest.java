package dev.irshell.action.aws;

import static dev.irshell.action.aws.FakeClients.ACCOUNT;
import static dev.irshell.action.aws.FakeClients.CTX;
import static dev.irshell.action.aws.FakeClients.NOW;
import static dev.irshell.action.aws.FakeClients.awsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irshell.action.Action;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.Params;
import dev.irshell.action.PlannedCall;
import dev.irshell.action.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.account.model.AlternateContactType;
import software.amazon.awssdk.services.account.model.GetAlternateContactRequest;
import software.amazon.awssdk.services.account.model.GetAlternateContactResponse;
import software.amazon.awssdk.services.account.model.GetContactInformationRequest;
import software.amazon.awssdk.services.account.model.GetContactInformationResponse;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.DescribeOrganizationRequest;
import software.amazon.awssdk.services.organizations.model.DescribeOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.ListAccountsRequest;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;

/** Unit tests of ce.costComparison, org.accounts, account.contacts, and the investigation catalogue. */
class InvestigationAccountActionsTest {
    final FakeClients c = new FakeClients();

    // --- ce.costComparison ---

    private static Group group(String service, String region, String amount) {
        return Group.builder().keys(service, region)
                .metrics(Map.of("UnblendedCost", MetricValue.builder().amount(amount).unit("USD").build())).build();
    }

    private static ResultByTime month(String start, String end, boolean estimated, Group... groups) {
        return ResultByTime.builder().timePeriod(t -> t.start(start).end(end)).groups(groups).estimated(estimated).build();
    }

    @Test
    void costComparison_asksMonthlyByServiceAndRegion_followsPages_andRanksIncreases() {
        doReturn(GetCostAndUsageResponse.builder().resultsByTime(
                        month("2026-10-01", "2026-11-01", false, group("Amazon EC2", "us-east-1", "100.00"),
                                group("AWS Lambda", "us-east-1", "5.004")),
                        month("2026-11-01", "2026-11-21", true, group("Amazon EC2", "us-east-1", "90")))
                .nextPageToken("p2").build())
                .when(c.costExplorer).getCostAndUsage(argThat((GetCostAndUsageRequest r) -> r != null && r.nextPageToken() == null));
        doReturn(GetCostAndUsageResponse.builder().resultsByTime(
                        month("2026-11-01", "2026-11-21", true, group("Amazon EC2", "ap-southeast-3", "4200.10"),
                                group("AWS Lambda", "us-east-1", "0.50"), group("Amazon S3", "eu-west-1", "1.20")))
                .build())
                .when(c.costExplorer).getCostAndUsage(argThat((GetCostAndUsageRequest r) -> r != null && "p2".equals(r.nextPageToken())));

        ActionResult r = new CostComparisonAction(c).execute(Params.of(), CTX);

        ArgumentCaptor<GetCostAndUsageRequest> req = ArgumentCaptor.forClass(GetCostAndUsageRequest.class);
        verify(c.costExplorer, times(2)).getCostAndUsage(req.capture());
        GetCostAndUsageRequest first = req.getAllValues().get(0);
        assertThat(first.timePeriod().start()).isEqualTo("2026-10-01");
        assertThat(first.timePeriod().end()).isEqualTo("2026-11-21");
        assertThat(first.granularityAsString()).isEqualTo("MONTHLY");
        assertThat(first.metrics()).containsExactly("UnblendedCost");
        assertThat(first.groupBy()).extracting(g -> g.typeAsString() + ":" + g.key()).containsExactly("DIMENSION:SERVICE", "DIMENSION:REGION");
        assertThat(req.getAllValues().get(1).toBuilder().nextPageToken(null).build()).isEqualTo(first);

        JsonNode d = r.data();
        assertThat(d.get("lastMonth").asText()).isEqualTo("2026-10");
        assertThat(d.get("thisMonth").asText()).isEqualTo("2026-11");
        assertThat(d.get("currency").asText()).isEqualTo("USD");
        assertThat(d.get("pages").asInt()).isEqualTo(2);
        assertThat(d.get("rows").findValuesAsText("service")).containsExactly("Amazon EC2", "Amazon S3", "AWS Lambda", "Amazon EC2");
        JsonNode top = d.get("rows").get(0);
        assertThat(top.get("region").asText()).isEqualTo("ap-southeast-3");
        assertThat(top.get("lastMonth").asDouble()).isZero();
        assertThat(top.get("thisMonth").asDouble()).isEqualTo(4200.10);
        assertThat(top.get("increase").asDouble()).isEqualTo(4200.10);
        assertThat(d.get("rows").get(3).get("increase").asDouble()).isEqualTo(-10.0);
        assertThat(d.get("rows").get(2).get("lastMonth").asDouble()).isEqualTo(5.0);
        assertThat(d.get("totalLastMonth").asDouble()).isEqualTo(105.0);
        assertThat(d.get("totalThisMonth").asDouble()).isEqualTo(4291.8);

        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.INFO && f.message().contains("USD 0.01")
                && f.message().contains("2 page(s), USD 0.02"));
        // increases above USD 1.00, largest first; Lambda fell, EC2 us-east-1 fell
        assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.WARN).extracting(f -> f.message())
                .satisfiesExactly(
                        m -> assertThat(m).startsWith("Amazon EC2 in ap-southeast-3 rose by 4200.10 USD").contains("not used last month"),
                        m -> assertThat(m).startsWith("Amazon S3 in eu-west-1 rose by 1.20 USD"));
        assertThat(r.tables().get(0).columns()).containsExactly("Service", "Region", "2026-10", "2026-11", "Increase");
        assertThat(r.tables().get(0).highlighted()).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void costComparison_periodSpansTheYear_andDeniedIsAccessDenied() {
        ActionContext jan = new ActionContext("us-east-1", ACCOUNT, "s", Clock.fixed(Instant.parse("2027-01-31T23:00:00Z"),
                ZoneOffset.UTC), ActionContext.Progress.NONE);
        JsonNode planned = new CostComparisonAction(c).plan(Params.of(), jan).calls().get(0).parameters();
        assertThat(planned.get("TimePeriod").toString()).isEqualTo("{\"Start\":\"2026-12-01\",\"End\":\"2027-02-01\"}");

        doThrow(awsError("AccessDeniedException", "User is not authorized to perform ce:GetCostAndUsage", 400, "ce1"))
                .when(c.costExplorer).getCostAndUsage(any(GetCostAndUsageRequest.class));
        assertThatThrownBy(() -> new CostComparisonAction(c).execute(Params.of(), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.ACCESS_DENIED);
                    assertThat(f.missingPermission()).isEqualTo("ce:GetCostAndUsage");
                    assertThat(f.region()).isEqualTo("us-east-1");
                });
    }

    // --- org.accounts ---

    private void org(String management) {
        doReturn(DescribeOrganizationResponse.builder().organization(o -> o.id("o-abc123").masterAccountId(management)
                .masterAccountArn("arn:aws:organizations::" + management + ":account/o-abc123/" + management)).build())
                .when(c.organizations).describeOrganization(any(DescribeOrganizationRequest.class));
    }

    private static Account account(String id, String method, Instant joined) {
        return Account.builder().id(id).name("acct-" + id).email(id + "@example.com").status("ACTIVE").joinedMethod(method)
                .joinedTimestamp(joined).build();
    }

    @Test
    void orgAccounts_notInUse_isAResultNotAFailure() {
        doThrow(awsError("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.", 400, "o0"))
                .when(c.organizations).describeOrganization(any(DescribeOrganizationRequest.class));

        ActionResult r = new OrgAccountsAction(c).execute(Params.of(), CTX);

        assertThat(r.data().toString()).isEqualTo("{\"inOrganization\":false}");
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).isEqualTo("this account is not in an organization: no linked accounts to check");
        });
        verify(c.organizations, never()).listAccounts(any(ListAccountsRequest.class));
    }

    @Test
    void orgAccounts_listsEveryPage_evenEmptyOnes_andFlagsJoinedAndCreated() {
        org(ACCOUNT);
        doReturn(ListAccountsResponse.builder().accounts(account(ACCOUNT, "CREATED", NOW.minus(Duration.ofDays(900)))).nextToken("n1").build())
                .when(c.organizations).listAccounts(argThat((ListAccountsRequest r) -> r != null && r.nextToken() == null));
        doReturn(ListAccountsResponse.builder().nextToken("n2").build())
                .when(c.organizations).listAccounts(argThat((ListAccountsRequest r) -> r != null && "n1".equals(r.nextToken())));
        doReturn(ListAccountsResponse.builder().accounts(account("444455556666", "CREATED", NOW.minus(Duration.ofHours(6))),
                        account("777788889999", "INVITED", NOW.minus(Duration.ofDays(2))),
                        account("222233334444", "INVITED", NOW.minus(Duration.ofDays(400)))).build())
                .when(c.organizations).listAccounts(argThat((ListAccountsRequest r) -> r != null && "n2".equals(r.nextToken())));

        ActionResult r = new OrgAccountsAction(c).execute(Params.of("since", "2026-11-15T00:00:00Z"), CTX);

        ArgumentCaptor<ListAccountsRequest> req = ArgumentCaptor.forClass(ListAccountsRequest.class);
        verify(c.organizations, times(3)).listAccounts(req.capture());
        assertThat(req.getAllValues()).allMatch(q -> q.maxResults() == 20);
        JsonNode d = r.data();
        assertThat(d.get("inOrganization").asBoolean()).isTrue();
        assertThat(d.get("managementAccountId").asText()).isEqualTo(ACCOUNT);
        assertThat(d.get("accounts").findValuesAsText("id")).containsExactly(ACCOUNT, "444455556666", "777788889999", "222233334444");
        JsonNode created = d.get("accounts").get(1);
        assertThat(created.get("name").asText()).isEqualTo("acct-444455556666");
        assertThat(created.get("email").asText()).isEqualTo("444455556666@example.com");
        assertThat(created.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(created.get("joinedMethod").asText()).isEqualTo("CREATED");
        assertThat(created.get("joinedTimestamp").asText()).isEqualTo("2026-11-20T06:00:00Z");
        assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.CRITICAL).extracting(f -> f.message().split(" \\(")[0])
                .containsExactly("account 444455556666", "account 777788889999");
        assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.WARN).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("444455556666", "CREATED"));
        assertThat(r.tables().get(0).highlighted()).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void orgAccounts_memberAccount_deniedSaysToUseTheManagementAccount() {
        org("999999999999");
        doThrow(awsError("AccessDeniedException", "You don't have permissions to access this resource.", 400, "ad1"))
                .when(c.organizations).listAccounts(any(ListAccountsRequest.class));
        assertThatThrownBy(() -> new OrgAccountsAction(c).execute(Params.of(), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.ACCESS_DENIED);
                    assertThat(f.missingPermission()).isEqualTo("organizations:ListAccounts");
                    assertThat(f.requestId()).isEqualTo("ad1");
                    assertThat(f.getMessage()).contains("member of organization o-abc123", "management account 999999999999");
                });
    }

    // --- account.contacts ---

    @Test
    void accountContacts_readsContactAndThreeAlternates_notFoundIsNotSet() {
        doReturn(GetContactInformationResponse.builder().contactInformation(ci -> ci.fullName("Jane Doe").companyName("Example")
                .phoneNumber("+1-206-555-0100").addressLine1("1 Main St").city("Seattle").postalCode("98101").countryCode("US")).build())
                .when(c.account).getContactInformation(any(GetContactInformationRequest.class));
        doReturn(GetAlternateContactResponse.builder().alternateContact(a -> a.name("Bill").title("CFO")
                .emailAddress("billing@example.com").phoneNumber("+1-206-555-0101").alternateContactType("BILLING")).build())
                .when(c.account).getAlternateContact(argThat((GetAlternateContactRequest r) -> r != null
                        && r.alternateContactType() == AlternateContactType.BILLING));
        doReturn(GetAlternateContactResponse.builder().alternateContact(a -> a.name("Ops").title("SRE")
                .emailAddress("ops@example.com").phoneNumber("+1").alternateContactType("OPERATIONS")).build())
                .when(c.account).getAlternateContact(argThat((GetAlternateContactRequest r) -> r != null
                        && r.alternateContactType() == AlternateContactType.OPERATIONS));
        doThrow(awsError("ResourceNotFoundException", "No contact of the inputted alternate contact type found.", 404, "rnf"))
                .when(c.account).getAlternateContact(argThat((GetAlternateContactRequest r) -> r != null
                        && r.alternateContactType() == AlternateContactType.SECURITY));

        ActionResult r = new AccountContactsAction(c).execute(Params.of(), CTX);

        verify(c.account, times(3)).getAlternateContact(any(GetAlternateContactRequest.class));
        JsonNode d = r.data();
        assertThat(d.get("contact").get("fullName").asText()).isEqualTo("Jane Doe");
        assertThat(d.get("contact").get("phoneNumber").asText()).isEqualTo("+1-206-555-0100");
        assertThat(d.get("contact").get("countryCode").asText()).isEqualTo("US");
        assertThat(d.get("alternates").get("BILLING").toString())
                .isEqualTo("{\"name\":\"Bill\",\"title\":\"CFO\",\"emailAddress\":\"billing@example.com\",\"phoneNumber\":\"+1-206-555-0101\"}");
        assertThat(d.get("alternates").get("OPERATIONS").get("name").asText()).isEqualTo("Ops");
        assertThat(d.get("alternates").get("SECURITY").isNull()).isTrue();
        assertThat(r.tables().get(0).rows()).hasSize(4);
        assertThat(r.tables().get(0).highlighted()).containsExactly(3);
        assertThat(r.findings()).allMatch(f -> f.severity() == Severity.INFO);
        assertThat(r.findings().get(0).message()).contains("confirm", "root user's email address", "payment methods");
        assertThat(r.findings()).anyMatch(f -> f.message().contains("not set: SECURITY"));
    }

    @Test
    void accountContacts_denied_isAccessDeniedNamingThePermission() {
        doThrow(awsError("AccessDeniedException", "not authorized", 403, "ac"))
                .when(c.account).getContactInformation(any(GetContactInformationRequest.class));
        assertThatThrownBy(() -> new AccountContactsAction(c).execute(Params.of(), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.missingPermission()).isEqualTo("account:GetContactInformation"));
    }

    // --- catalogue ---

    @Test
    void investigationActions_allReadOnly_uniqueNames_preciseSpecs() {
        List<Action> all = InvestigationActions.all(c);
        assertThat(all).extracting(a -> a.spec().name()).containsExactly("iam.credentialReport", "iam.lastAccessed",
                "cloudtrail.lookupEventNames", "inventory.allRegions", "ce.costComparison", "cloudtrail.verifyChanges", "iam.recentIdentities",
                "org.accounts", "account.contacts", "iam.quarantinedUsers");
        java.util.List<Action> withExisting = new java.util.ArrayList<>(AwsActions.procedure001(c));
        withExisting.addAll(all);
        new dev.irshell.action.ActionCatalogue(withExisting); // names unique across both lists
        for (Action a : all) {
            ActionSpec s = a.spec();
            assertThat(s.effect()).as(s.name()).isEqualTo(Effect.READ);
            assertThat(s.canLockOut()).as(s.name()).isFalse();
            assertThat(s.iamActions()).as(s.name()).isNotEmpty()
                    .allMatch(x -> x.matches("^(iam|sts|ec2|cloudtrail|organizations|account|ce|lambda):[A-Z]\\w+$"));
            // every planned call is covered by the spec's IAM actions
            List<PlannedCall> calls = a.plan(s.name().equals("iam.recentIdentities")
                    ? Params.of("since", "2026-11-01T00:00:00Z") : Params.of(), CTX).calls();
            // cloudtrail.verifyChanges plans one lookup per change in the session's record: none here
            assertThat(calls.isEmpty()).as(s.name()).isEqualTo(s.name().equals(CloudTrailChangesAction.NAME));
            assertThat(calls).as(s.name())
                    .allSatisfy(pc -> assertThat(s.iamActions()).contains(pc.service() + ":" + pc.operation()));
        }
        assertThat(all.get(3).spec().iamActions()).containsExactly("ec2:DescribeRegions", "ec2:DescribeInstances",
                "ec2:DescribeImages", "ec2:DescribeVolumes", "ec2:DescribeSnapshots", "lambda:ListFunctions", "lambda:ListLayers");
    }
}
