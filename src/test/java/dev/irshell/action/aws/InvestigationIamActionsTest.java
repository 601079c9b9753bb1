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
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.Params;
import dev.irshell.action.PlannedCall;
import dev.irshell.action.Severity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GenerateServiceLastAccessedDetailsRequest;
import software.amazon.awssdk.services.iam.model.GenerateServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsRequest;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.JobStatusType;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListGroupsRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsResponse;
import software.amazon.awssdk.services.iam.model.ListPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolesRequest;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.ListUsersRequest;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.ServiceLastAccessed;
import software.amazon.awssdk.services.iam.model.User;

/** Unit tests of the IAM investigation actions of procedure 000 over mocked clients. */
class InvestigationIamActionsTest {
    final FakeClients c = new FakeClients();
    final List<String> progress = new CopyOnWriteArrayList<>();
    final ActionContext ctx = new ActionContext("us-east-1", ACCOUNT, "s-unit", Clock.fixed(NOW, ZoneOffset.UTC),
            (what, done, total) -> progress.add(what + " " + done + "/" + total));
    final List<Duration> slept = new ArrayList<>();
    final Sleeper sleeper = slept::add;

    static final String HEADER = String.join(",", CredentialReportAction.COLUMNS);
    static final String CSV = HEADER + "\n"
            + "<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,"
            + "2026-11-19T08:00:00+00:00,not_supported,not_supported,false,true,2021-01-01T00:00:00+00:00,"
            + "2026-11-01T00:00:00+00:00,us-east-1,iam,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
            + "alice,arn:aws:iam::111122223333:user/alice,2024-02-02T00:00:00+00:00,TRUE,"
            + "no_information,2024-02-02T00:00:00+00:00,N/A,FALSE,true,2024-02-02T00:00:00+00:00,"
            + "2026-11-20T09:00:00+00:00,eu-west-1,ec2,FALSE,2024-03-01T00:00:00+00:00,2024-04-01T00:00:00+00:00,N/A,s3,"
            + "false,N/A,false,N/A\n"
            + "bob,arn:aws:iam::111122223333:user/bob,2024-02-02T00:00:00+00:00,true,"
            + "2026-11-18T12:00:00+00:00,2024-02-02T00:00:00+00:00,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,"
            + "false,N/A,false,N/A\n"
            + "svc,arn:aws:iam::111122223333:user/svc,2024-02-02T00:00:00+00:00,false,N/A,N/A,N/A,false,"
            + "true,2024-02-02T00:00:00+00:00,2026-01-01T00:00:00+00:00,us-east-1,sts,false,N/A,N/A,N/A,N/A,"
            + "not_supported,N/A,false,N/A\n";

    private void report(String csv) {
        doReturn(GetCredentialReportResponse.builder().content(SdkBytes.fromUtf8String(csv)).reportFormat("text/csv")
                .generatedTime(NOW.minus(Duration.ofMinutes(2))).build())
                .when(c.iam).getCredentialReport(any(GetCredentialReportRequest.class));
    }

    private static GenerateCredentialReportResponse state(ReportStateType s) {
        return GenerateCredentialReportResponse.builder().state(s).build();
    }

    // --- iam.credentialReport ---

    @Test
    void credentialReport_pollsUntilComplete_parsesEveryColumn_andFlags() {
        doReturn(state(ReportStateType.STARTED), state(ReportStateType.INPROGRESS), state(ReportStateType.COMPLETE))
                .when(c.iam).generateCredentialReport(any(GenerateCredentialReportRequest.class));
        report(CSV);

        ActionResult r = new CredentialReportAction(c, sleeper).execute(Params.of(), ctx);

        verify(c.iam, times(3)).generateCredentialReport(any(GenerateCredentialReportRequest.class));
        verify(c.iam, times(1)).getCredentialReport(any(GetCredentialReportRequest.class));
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(progress).isNotEmpty().last().asString().contains("report ready");

        JsonNode d = r.data();
        assertThat(d.get("generatedTime").asText()).isEqualTo("2026-11-20T11:58:00Z");
        assertThat(d.get("rows")).hasSize(4);
        JsonNode root = d.get("rows").get(0);
        assertThat(root.get("user").asText()).isEqualTo("<root_account>");
        assertThat(root.get("root").asBoolean()).isTrue();
        assertThat(root.get("passwordEnabled").isNull()).isTrue();
        assertThat(root.get("accessKey1Active").asBoolean()).isTrue();
        assertThat(root.get("accessKey1LastUsedService").asText()).isEqualTo("iam");
        JsonNode alice = d.get("rows").get(1);
        assertThat(alice.get("passwordEnabled").asBoolean()).isTrue();
        assertThat(alice.get("passwordLastUsed").isNull()).isTrue();
        assertThat(alice.get("mfaActive").asBoolean()).isFalse();
        assertThat(alice.get("accessKey1LastUsedDate").asText()).isEqualTo("2026-11-20T09:00:00Z");
        assertThat(alice.get("accessKey1LastUsedRegion").asText()).isEqualTo("eu-west-1");
        assertThat(alice.get("accessKey2Active").asBoolean()).isFalse();
        assertThat(alice.get("accessKey2LastUsedRegion").isNull()).isTrue();
        assertThat(alice.get("accessKey2LastUsedService").asText()).isEqualTo("s3");
        assertThat(alice.get("userCreationTime").asText()).isEqualTo("2024-02-02T00:00:00Z");
        assertThat(d.get("rows").get(3).get("cert1Active").isNull()).isTrue();
        assertThat(d.get("rootAccessKeys").asBoolean()).isTrue();
        assertThat(d.get("usersWithoutMfa").toString()).isEqualTo("[\"alice\"]");
        assertThat(d.get("recentlyUsed")).hasSize(3);
        assertThat(d.get("recentlyUsed").findValuesAsText("credential")).containsExactly("password", "accessKey1", "password");
        assertThat(d.get("recentlyUsed").findValuesAsText("user")).containsExactly("<root_account>", "alice", "bob");

        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.CRITICAL && f.message().contains("root user has an active access key"));
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().startsWith("1 console user(s) without MFA: alice"));
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().startsWith("alice used accessKey1 3 hours ago (ec2 in eu-west-1)"));
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().startsWith("root user used password"));
        assertThat(r.findings()).noneMatch(f -> f.message().contains("svc"));
        assertThat(r.tables().get(0).columns()).containsExactly("Identity", "Password", "Password last used", "MFA", "Key 1", "Key 2");
        assertThat(r.tables().get(0).rows().get(0).get(0)).isEqualTo("root (<root_account>)");
        assertThat(r.tables().get(0).rows().get(1).get(4)).startsWith("active, used 2026-11-20T09:00:00Z eu-west-1 ec2");
        assertThat(r.tables().get(0).highlighted()).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void credentialReport_reportInProgressOnGet_isPolledAgain_andRecentDaysWidens() {
        doReturn(state(ReportStateType.COMPLETE)).when(c.iam).generateCredentialReport(any(GenerateCredentialReportRequest.class));
        doThrow(awsError("ReportInProgress", "Report is being generated", 404, "rip"))
                .doReturn(GetCredentialReportResponse.builder().content(SdkBytes.fromUtf8String(CSV)).build())
                .when(c.iam).getCredentialReport(any(GetCredentialReportRequest.class));

        ActionResult r = new CredentialReportAction(c, sleeper).execute(Params.of("recentDays", "365"), ctx);

        assertThat(slept).hasSize(1);
        assertThat(r.data().get("recentlyUsed").findValuesAsText("user")).contains("svc");
        assertThat(r.data().get("generatedTime").isNull()).isTrue();
    }

    @Test
    void credentialReport_neverReady_failsAfterBoundedChecks_andDeniedIsAccessDenied() {
        doReturn(state(ReportStateType.INPROGRESS)).when(c.iam).generateCredentialReport(any(GenerateCredentialReportRequest.class));
        assertThatThrownBy(() -> new CredentialReportAction(c, sleeper).execute(Params.of(), ctx))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.errorCode()).isEqualTo("ReportInProgress");
                    assertThat(f.getMessage()).contains("retry the step");
                });
        assertThat(slept).hasSize(CredentialReportAction.MAX_CHECKS);
        assertThat(slept).allMatch(d -> d.compareTo(CredentialReportAction.MAX_WAIT) <= 0);

        doThrow(awsError("AccessDenied", "not authorized to perform iam:GenerateCredentialReport", 403, "ad"))
                .when(c.iam).generateCredentialReport(any(GenerateCredentialReportRequest.class));
        assertThatThrownBy(() -> new CredentialReportAction(c, sleeper).execute(Params.of(), ctx))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.ACCESS_DENIED);
                    assertThat(f.missingPermission()).isEqualTo("iam:GenerateCredentialReport");
                    assertThat(f.requestId()).isEqualTo("ad");
                });
        assertThatThrownBy(() -> new CredentialReportAction(c, sleeper).plan(Params.of("recentDays", "0"), ctx))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.kind()).isEqualTo(ActionFailure.Kind.INVALID_PARAM));
    }

    @Test
    void credentialReport_parse_toleratesQuotesMissingHeaderAndShortRows() {
        List<CredentialReportAction.Row> rows = CredentialReportAction.parse(
                "user,arn,password_enabled\r\n\"weird,name\",arn:x,True\r\nshort\r\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).user()).isEqualTo("weird,name");
        assertThat(rows.get(0).bool("password_enabled")).isTrue();
        assertThat(rows.get(1).get("arn")).isNull();
        assertThat(CredentialReportAction.parse("")).isEmpty();
        assertThat(CredentialReportAction.COLUMNS).hasSize(22);
    }

    // --- iam.lastAccessed ---

    private void entities() {
        doReturn(ListUsersResponse.builder().users(user("alice", NOW.minus(Duration.ofDays(400)))).isTruncated(true).marker("u2").build())
                .when(c.iam).listUsers(argThat((ListUsersRequest r) -> r != null && r.marker() == null));
        doReturn(ListUsersResponse.builder().users(user("mallory", NOW.minus(Duration.ofDays(1)))).isTruncated(false).build())
                .when(c.iam).listUsers(argThat((ListUsersRequest r) -> r != null && "u2".equals(r.marker())));
        doReturn(ListGroupsResponse.builder().groups(Group.builder().groupName("admins").arn("arn:aws:iam::1:group/admins")
                .path("/").groupId("G1").createDate(NOW.minus(Duration.ofDays(900))).build()).isTruncated(false).build())
                .when(c.iam).listGroups(any(ListGroupsRequest.class));
        doReturn(ListRolesResponse.builder().roles(role("deploy", NOW.minus(Duration.ofDays(300)), "{}")).isTruncated(false).build())
                .when(c.iam).listRoles(any(ListRolesRequest.class));
        doReturn(ListPoliciesResponse.builder().policies(policy("exfil", NOW.minus(Duration.ofHours(5)), 1)).isTruncated(false).build())
                .when(c.iam).listPolicies(any(ListPoliciesRequest.class));
    }

    static User user(String name, java.time.Instant created) {
        return User.builder().userName(name).arn("arn:aws:iam::" + ACCOUNT + ":user/" + name).path("/").userId("U" + name)
                .createDate(created).build();
    }

    static Role role(String name, java.time.Instant created, String trust) {
        return Role.builder().roleName(name).arn("arn:aws:iam::" + ACCOUNT + ":role/" + name).path("/").roleId("R" + name)
                .createDate(created).assumeRolePolicyDocument(trust).build();
    }

    static Policy policy(String name, java.time.Instant created, int attachments) {
        return Policy.builder().policyName(name).arn("arn:aws:iam::" + ACCOUNT + ":policy/" + name).createDate(created)
                .attachmentCount(attachments).build();
    }

    private void job(String arnSuffix, String jobId) {
        doReturn(GenerateServiceLastAccessedDetailsResponse.builder().jobId(jobId).build())
                .when(c.iam).generateServiceLastAccessedDetails(argThat((GenerateServiceLastAccessedDetailsRequest r) ->
                        r != null && r.arn().endsWith(arnSuffix)));
    }

    private static GetServiceLastAccessedDetailsResponse details(JobStatusType s, ServiceLastAccessed... services) {
        return GetServiceLastAccessedDetailsResponse.builder().jobStatus(s).servicesLastAccessed(services)
                .isTruncated(false).build();
    }

    private static ServiceLastAccessed svc(String ns, java.time.Instant when) {
        return ServiceLastAccessed.builder().serviceNamespace(ns).serviceName(ns).lastAuthenticated(when)
                .lastAuthenticatedRegion(when == null ? null : "us-east-1").totalAuthenticatedEntities(when == null ? 0 : 1).build();
    }

    @Test
    void lastAccessed_listsEveryKindPaginated_pollsJobs_andFlagsUseAndCreation() {
        entities();
        job("user/alice", "j-alice");
        job("user/mallory", "j-mallory");
        job("group/admins", "j-admins");
        job("role/deploy", "j-deploy");
        job("policy/exfil", "j-exfil");
        doReturn(details(JobStatusType.IN_PROGRESS))
                .doReturn(GetServiceLastAccessedDetailsResponse.builder().jobStatus(JobStatusType.COMPLETED)
                        .servicesLastAccessed(svc("ec2", NOW.minus(Duration.ofHours(2)))).isTruncated(true).marker("m2").build())
                .when(c.iam).getServiceLastAccessedDetails(argThat((GetServiceLastAccessedDetailsRequest r) ->
                        r != null && r.jobId().equals("j-alice") && r.marker() == null));
        doReturn(details(JobStatusType.COMPLETED, svc("s3", NOW.minus(Duration.ofDays(2))), svc("kms", null)))
                .when(c.iam).getServiceLastAccessedDetails(argThat((GetServiceLastAccessedDetailsRequest r) ->
                        r != null && r.jobId().equals("j-alice") && "m2".equals(r.marker())));
        doReturn(details(JobStatusType.COMPLETED, svc("iam", NOW.minus(Duration.ofHours(20)))))
                .when(c.iam).getServiceLastAccessedDetails(argThat((GetServiceLastAccessedDetailsRequest r) ->
                        r != null && r.jobId().equals("j-mallory")));
        doReturn(details(JobStatusType.COMPLETED, svc("ec2", NOW.minus(Duration.ofDays(60)))))
                .when(c.iam).getServiceLastAccessedDetails(argThat((GetServiceLastAccessedDetailsRequest r) ->
                        r != null && r.jobId().equals("j-admins")));
        doReturn(GetServiceLastAccessedDetailsResponse.builder().jobStatus(JobStatusType.FAILED)
                .error(e -> e.code("InternalError").message("boom")).build())
                .when(c.iam).getServiceLastAccessedDetails(argThat((GetServiceLastAccessedDetailsRequest r) ->
                        r != null && r.jobId().equals("j-deploy")));
        doReturn(details(JobStatusType.COMPLETED))
                .when(c.iam).getServiceLastAccessedDetails(argThat((GetServiceLastAccessedDetailsRequest r) ->
                        r != null && r.jobId().equals("j-exfil")));

        ActionResult r = new LastAccessedAction(c, sleeper).execute(Params.of(), ctx);

        ArgumentCaptor<ListPoliciesRequest> pol = ArgumentCaptor.forClass(ListPoliciesRequest.class);
        verify(c.iam).listPolicies(pol.capture());
        assertThat(pol.getValue().scope()).isEqualTo(PolicyScopeType.LOCAL);
        verify(c.iam, times(2)).listUsers(any(ListUsersRequest.class));
        ArgumentCaptor<GenerateServiceLastAccessedDetailsRequest> gen = ArgumentCaptor.forClass(GenerateServiceLastAccessedDetailsRequest.class);
        verify(c.iam, times(5)).generateServiceLastAccessedDetails(gen.capture());
        assertThat(gen.getAllValues()).extracting(GenerateServiceLastAccessedDetailsRequest::arn)
                .containsExactly("arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/mallory",
                        "arn:aws:iam::1:group/admins", "arn:aws:iam::111122223333:role/deploy",
                        "arn:aws:iam::111122223333:policy/exfil");
        assertThat(slept).containsExactly(Duration.ofSeconds(1));
        assertThat(progress).last().asString().isEqualTo("iam.lastAccessed 5/5");

        JsonNode es = r.data().get("entities");
        assertThat(es.findValuesAsText("type")).containsExactly("user", "user", "group", "role", "policy");
        JsonNode alice = es.get(0);
        assertThat(alice.get("lastAuthenticated").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(alice.get("lastService").asText()).isEqualTo("ec2");
        assertThat(alice.get("recentServices").toString()).isEqualTo("[\"ec2\",\"s3\"]");
        assertThat(alice.get("created").asText()).isEqualTo("2025-10-16T12:00:00Z");
        assertThat(es.get(2).get("recentServices")).isEmpty();
        assertThat(es.get(3).get("jobStatus").asText()).isEqualTo("FAILED");
        assertThat(es.get(3).get("error").asText()).isEqualTo("InternalError: boom");
        assertThat(es.get(4).get("lastAuthenticated").isNull()).isTrue();
        assertThat(r.data().get("truncated").asBoolean()).isFalse();

        assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.CRITICAL).extracting(f -> f.message().split(" was")[0])
                .containsExactly("user mallory", "policy exfil");
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN
                && f.message().startsWith("2 user(s) used in the last 7 day(s): alice (ec2, s3); mallory (iam)"));
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().contains("1 entit(ies) could not be checked"));
    }

    @Test
    void lastAccessed_maxEntitiesTruncates_andUnfinishedJobsAreRecorded() {
        entities();
        job("user/alice", "j-alice");
        job("user/mallory", "j-mallory");
        doReturn(details(JobStatusType.IN_PROGRESS)).when(c.iam).getServiceLastAccessedDetails(any(GetServiceLastAccessedDetailsRequest.class));

        ActionResult r = new LastAccessedAction(c, sleeper).execute(Params.of("maxEntities", "2"), ctx);

        assertThat(r.data().get("truncated").asBoolean()).isTrue();
        assertThat(r.data().get("total").asInt()).isEqualTo(5);
        assertThat(r.data().get("entities")).hasSize(2);
        assertThat(r.data().get("entities").get(0).get("error").asText()).contains("had not finished");
        assertThat(slept).hasSize(LastAccessedAction.MAX_ROUNDS - 1);
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().contains("first 2 of 5")
                && f.message().contains("maxEntities"));
    }

    @Test
    void lastAccessed_deniedGenerate_isAccessDenied_butNoSuchEntityIsPerEntity() {
        entities();
        doThrow(awsError("NoSuchEntity", "gone", 404, "nse")).when(c.iam)
                .generateServiceLastAccessedDetails(argThat((GenerateServiceLastAccessedDetailsRequest r) -> r != null && r.arn().endsWith("alice")));
        doThrow(awsError("AccessDenied", "no", 403, "ad")).when(c.iam)
                .generateServiceLastAccessedDetails(argThat((GenerateServiceLastAccessedDetailsRequest r) -> r != null && !r.arn().endsWith("alice")));
        assertThatThrownBy(() -> new LastAccessedAction(c, sleeper).execute(Params.of(), ctx))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.ACCESS_DENIED);
                    assertThat(f.missingPermission()).isEqualTo("iam:GenerateServiceLastAccessedDetails");
                });
        assertThat(new LastAccessedAction(c, sleeper).plan(Params.of(), ctx).calls()).extracting(PlannedCall::operation)
                .containsExactly("ListUsers", "ListGroups", "ListRoles", "ListPolicies",
                        "GenerateServiceLastAccessedDetails", "GetServiceLastAccessedDetails");
    }

    // --- iam.recentIdentities ---

    @Test
    void recentIdentities_keepsOnlyNewOnes_decodesTrust_andFlagsForeignAccounts() {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "[\"arn:aws:iam::999988887777:root\",\"arn:aws:iam::" + ACCOUNT + ":user/alice\"]},\"Action\":\"sts:AssumeRole\"}]}";
        String svcTrust = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}}";
        doReturn(ListUsersResponse.builder().users(user("old", NOW.minus(Duration.ofDays(30))), user("mallory", NOW.minus(Duration.ofDays(1))))
                .isTruncated(false).build()).when(c.iam).listUsers(any(ListUsersRequest.class));
        doReturn(ListRolesResponse.builder().roles(
                        role("backdoor", NOW.minus(Duration.ofHours(3)), URLEncoder.encode(trust, StandardCharsets.UTF_8)),
                        role("worker", NOW.minus(Duration.ofHours(4)), URLEncoder.encode(svcTrust, StandardCharsets.UTF_8)),
                        role("legacy", NOW.minus(Duration.ofDays(100)), "{}"))
                .isTruncated(false).build()).when(c.iam).listRoles(any(ListRolesRequest.class));
        doReturn(ListPoliciesResponse.builder().policies(policy("exfil", NOW.minus(Duration.ofHours(5)), 2),
                policy("baseline", NOW.minus(Duration.ofDays(200)), 1)).isTruncated(false).build())
                .when(c.iam).listPolicies(any(ListPoliciesRequest.class));

        ActionResult r = new RecentIdentitiesAction(c).execute(Params.of("since", "2026-11-15T00:00:00Z"), CTX);

        ArgumentCaptor<ListPoliciesRequest> pol = ArgumentCaptor.forClass(ListPoliciesRequest.class);
        verify(c.iam).listPolicies(pol.capture());
        assertThat(pol.getValue().scopeAsString()).isEqualTo("Local");
        JsonNode d = r.data();
        assertThat(d.get("since").asText()).isEqualTo("2026-11-15T00:00:00Z");
        assertThat(d.get("users").findValuesAsText("name")).containsExactly("mallory");
        assertThat(d.get("roles").findValuesAsText("name")).containsExactly("backdoor", "worker");
        assertThat(d.get("roles").get(0).get("trustedPrincipals").toString())
                .isEqualTo("[\"arn:aws:iam::999988887777:root\",\"arn:aws:iam::111122223333:user/alice\"]");
        assertThat(d.get("roles").get(0).get("trustPolicy").get("Version").asText()).isEqualTo("2012-10-17");
        assertThat(d.get("roles").get(1).get("trustedPrincipals").toString()).isEqualTo("[\"ec2.amazonaws.com\"]");
        assertThat(d.get("policies").get(0).get("attachmentCount").asInt()).isEqualTo(2);
        assertThat(d.get("policies")).hasSize(1);
        assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.CRITICAL).hasSize(5);
        assertThat(r.findings()).anyMatch(f -> f.message().startsWith("role backdoor trusts account(s) 999988887777"));
        assertThat(r.tables().get(0).rows()).hasSize(4);

        assertThatThrownBy(() -> new RecentIdentitiesAction(c).execute(Params.of(), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.kind()).isEqualTo(ActionFailure.Kind.INVALID_PARAM));
    }

    @Test
    void recentIdentities_trustHelpers() {
        assertThat(RecentIdentitiesAction.foreignAccounts(List.of("*"), ACCOUNT)).containsExactly("*");
        assertThat(RecentIdentitiesAction.foreignAccounts(List.of("444455556666", ACCOUNT, "lambda.amazonaws.com"), ACCOUNT))
                .containsExactly("444455556666");
        assertThat(RecentIdentitiesAction.trustedPrincipals(RecentIdentitiesAction.trustPolicy(
                "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Deny%22%2C%22Principal%22%3A%22*%22%7D%5D%7D"))).isEmpty();
        assertThat(RecentIdentitiesAction.trustPolicy(null)).isNull();
    }

    // --- iam.quarantinedUsers ---

    @Test
    void quarantinedUsers_matchesThePolicyFamily_listsKeys_andReportsProgress() {
        doReturn(ListUsersResponse.builder().users(user("alice", NOW), user("bob", NOW), user("carol", NOW)).isTruncated(false).build())
                .when(c.iam).listUsers(any(ListUsersRequest.class));
        attached("alice", "AWSCompromisedKeyQuarantineV2", "ReadOnlyAccess");
        attached("bob", "AWSCompromisedKeyQuarantineV2Extra", "MyAWSCompromisedKeyQuarantine");
        attached("carol", "AWSCompromisedKeyQuarantine", "AWSCompromisedKeyQuarantineV17");
        doReturn(ListAccessKeysResponse.builder().accessKeyMetadata(AccessKeyMetadata.builder().userName("alice")
                .accessKeyId("AKIAEXPOSED000000001").status("Active").createDate(NOW.minus(Duration.ofDays(9))).build())
                .isTruncated(false).build())
                .when(c.iam).listAccessKeys(argThat((ListAccessKeysRequest r) -> r != null && "alice".equals(r.userName())));
        doReturn(ListAccessKeysResponse.builder().isTruncated(false).build())
                .when(c.iam).listAccessKeys(argThat((ListAccessKeysRequest r) -> r != null && "carol".equals(r.userName())));

        ActionResult r = new QuarantinedUsersAction(c).execute(Params.of(), ctx);

        verify(c.iam, never()).listAccessKeys(argThat((ListAccessKeysRequest q) -> q != null && "bob".equals(q.userName())));
        JsonNode users = r.data().get("users");
        assertThat(users.findValuesAsText("userName")).containsExactly("alice", "carol");
        assertThat(users.get(0).get("policies").toString()).isEqualTo("[\"AWSCompromisedKeyQuarantineV2\"]");
        assertThat(users.get(0).get("keys").get(0).get("accessKeyId").asText()).isEqualTo("AKIAEXPOSED000000001");
        assertThat(users.get(0).get("keys").get(0).get("status").asText()).isEqualTo("Active");
        assertThat(users.get(0).get("keys").get(0).get("createDate").asText()).isEqualTo("2026-11-11T12:00:00Z");
        assertThat(users.get(1).get("policies")).hasSize(2);
        assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.CRITICAL).extracting(f -> f.message())
                .allMatch(m -> m.startsWith("AWS quarantined ") && m.contains("rotate its keys")).hasSize(2);
        assertThat(progress).containsExactly("iam.quarantinedUsers 1/3", "iam.quarantinedUsers 2/3", "iam.quarantinedUsers 3/3");
    }

    @Test
    void quarantinedUsers_deniedListAttached_isAccessDenied() {
        doReturn(ListUsersResponse.builder().users(user("alice", NOW)).isTruncated(false).build())
                .when(c.iam).listUsers(any(ListUsersRequest.class));
        doThrow(awsError("AccessDenied", "no", 403, "ad")).when(c.iam).listAttachedUserPolicies(any(ListAttachedUserPoliciesRequest.class));
        assertThatThrownBy(() -> new QuarantinedUsersAction(c).execute(Params.of(), ctx))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.missingPermission()).isEqualTo("iam:ListAttachedUserPolicies"));
    }

    private void attached(String user, String... names) {
        List<AttachedPolicy> ps = new ArrayList<>();
        for (String n : names) {
            ps.add(AttachedPolicy.builder().policyName(n).policyArn("arn:aws:iam::aws:policy/" + n).build());
        }
        doReturn(ListAttachedUserPoliciesResponse.builder().attachedPolicies(ps).isTruncated(false).build())
                .when(c.iam).listAttachedUserPolicies(argThat((ListAttachedUserPoliciesRequest r) -> r != null && user.equals(r.userName())));
    }
}
