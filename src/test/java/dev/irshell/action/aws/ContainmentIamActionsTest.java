package dev.irshell.action.aws;

import static dev.irshell.action.aws.DeleteUserActionTest.urlEncoded;
import static dev.irshell.action.aws.FakeClients.ACCOUNT;
import static dev.irshell.action.aws.FakeClients.CTX;
import static dev.irshell.action.aws.FakeClients.NOW;
import static dev.irshell.action.aws.FakeClients.awsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.Effect;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import dev.irshell.action.Undo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import software.amazon.awssdk.services.iam.model.*;

/** Unit tests of iam.resetPassword, the AWSRevokeOlderSessions actions, iam.deletePolicy and iam.deleteRole. */
class ContainmentIamActionsTest {
    final FakeClients c = new FakeClients();

    static Params params(Object... kv) {
        ObjectNode n = Json.obj(kv);
        return new Params(n);
    }

    // ------------------------------------------------------------------ iam.resetPassword

    @Test
    void resetPassword_updatesWithStrongRandomPassword_onlyInSecrets() {
        doReturn(UpdateLoginProfileResponse.builder().build()).when(c.iam).updateLoginProfile(any(UpdateLoginProfileRequest.class));
        ResetPasswordAction a = new ResetPasswordAction(c);
        Params p = Params.of("userName", "alice");

        Plan plan = a.plan(p, CTX);
        ActionResult r = a.execute(p, CTX);

        ArgumentCaptor<UpdateLoginProfileRequest> req = ArgumentCaptor.forClass(UpdateLoginProfileRequest.class);
        verify(c.iam).updateLoginProfile(req.capture());
        String password = req.getValue().password();
        assertThat(req.getValue().userName()).isEqualTo("alice");
        assertThat(req.getValue().passwordResetRequired()).isTrue();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(r.secrets()).singleElement().satisfies(s -> {
            assertThat(s.label()).isEqualTo("New console password for alice");
            assertThat(s.value()).isEqualTo(password);
        });
        assertThat(r.data().toString()).doesNotContain(password);
        assertThat(r.summary()).doesNotContain(password).contains("no undo");
        assertThat(r.findings().toString()).doesNotContain(password);
        assertThat(r.tables().toString()).doesNotContain(password);
        assertThat(r.toString()).doesNotContain(password);
        assertThat(plan.toString()).doesNotContain(password);
        assertThat(plan.calls()).extracting(PlannedCall::operation).containsExactly("UpdateLoginProfile");
        assertThat(plan.calls().get(0).parameters().get("Password").asText()).isEqualTo("(new random password, shown once)");
        assertThat(r.data().get("passwordSet").asBoolean()).isTrue();
        assertThat(r.data().get("created").asBoolean()).isFalse();
        assertThat(r.data().get("passwordResetRequired").asBoolean()).isTrue();
        assertThat(a.undo(p, r)).isEmpty();
        assertThat(a.spec().effect()).isEqualTo(Effect.CHANGE);
        assertThat(a.spec().undoAction()).isNull();
        verify(c.iam, never()).createLoginProfile(any(CreateLoginProfileRequest.class));
    }

    @Test
    void resetPassword_noPassword_withoutCreateIfMissing_isAResult() {
        doThrow(awsError("NoSuchEntity", "Login Profile for User bob cannot be found.", 404, "r1"))
                .when(c.iam).updateLoginProfile(any(UpdateLoginProfileRequest.class));

        ActionResult r = new ResetPasswordAction(c).execute(Params.of("userName", "bob"), CTX);

        assertThat(r.data().get("hadPassword").asBoolean()).isFalse();
        assertThat(r.data().get("passwordSet").asBoolean()).isFalse();
        assertThat(r.summary()).contains("has no console password");
        assertThat(r.secrets()).isEmpty();
        verify(c.iam, never()).createLoginProfile(any(CreateLoginProfileRequest.class));
    }

    @Test
    void resetPassword_noPassword_withCreateIfMissing_createsOne_withTheSameSecret() {
        doThrow(awsError("NoSuchEntity", "Login Profile for User bob cannot be found.", 404, "r1"))
                .when(c.iam).updateLoginProfile(any(UpdateLoginProfileRequest.class));
        doReturn(CreateLoginProfileResponse.builder().build()).when(c.iam).createLoginProfile(any(CreateLoginProfileRequest.class));
        ResetPasswordAction a = new ResetPasswordAction(c);
        Params p = Params.of("userName", "bob", "createIfMissing", "true");

        ActionResult r = a.execute(p, CTX);

        ArgumentCaptor<CreateLoginProfileRequest> req = ArgumentCaptor.forClass(CreateLoginProfileRequest.class);
        verify(c.iam).createLoginProfile(req.capture());
        assertThat(req.getValue().passwordResetRequired()).isTrue();
        assertThat(r.secrets().get(0).value()).isEqualTo(req.getValue().password());
        assertThat(r.data().get("created").asBoolean()).isTrue();
        assertThat(r.data().toString()).doesNotContain(req.getValue().password());
        assertThat(a.plan(p, CTX).calls()).extracting(PlannedCall::operation)
                .containsExactly("UpdateLoginProfile", "CreateLoginProfile");
        assertThat(a.spec().iamActions()).containsAll(Invocations.actions("iam", c.iam));
    }

    @Test
    void resetPassword_unknownUser_isAnError_andPolicyViolationSaysWhatToDo() {
        doThrow(awsError("NoSuchEntity", "The user with name ghost cannot be found.", 404, "r2"))
                .when(c.iam).updateLoginProfile(any(UpdateLoginProfileRequest.class));
        assertThatThrownBy(() -> new ResetPasswordAction(c).execute(Params.of("userName", "ghost", "createIfMissing", "true"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.errorCode()).isEqualTo("NoSuchEntity"));
        verify(c.iam, never()).createLoginProfile(any(CreateLoginProfileRequest.class));

        doThrow(awsError("PasswordPolicyViolation", "Password should have at least 40 characters", 400, "r3"))
                .when(c.iam).updateLoginProfile(any(UpdateLoginProfileRequest.class));
        assertThatThrownBy(() -> new ResetPasswordAction(c).execute(Params.of("userName", "bob"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.errorCode()).isEqualTo("PasswordPolicyViolation");
                    assertThat(f.requestId()).isEqualTo("r3");
                    assertThat(f.getMessage()).contains("get-account-password-policy");
                });
    }

    @Test
    void passwords_areLongRandomAndHaveEveryClass() {
        Passwords gen = new Passwords();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String p = gen.next();
            assertThat(p).hasSize(Passwords.LENGTH);
            assertThat(p.chars().anyMatch(ch -> Passwords.UPPER.indexOf(ch) >= 0)).isTrue();
            assertThat(p.chars().anyMatch(ch -> Passwords.LOWER.indexOf(ch) >= 0)).isTrue();
            assertThat(p.chars().anyMatch(ch -> Passwords.DIGITS.indexOf(ch) >= 0)).isTrue();
            assertThat(p.chars().anyMatch(ch -> Passwords.SYMBOLS.indexOf(ch) >= 0)).isTrue();
            assertThat(p).doesNotContain("\"", "'", "\\", " ");
            seen.add(p);
        }
        assertThat(seen).hasSize(200);
    }

    // ------------------------------------------------------------------ AWSRevokeOlderSessions

    static final String NO_ROLE_POLICY = "The role policy with name AWSRevokeOlderSessions cannot be found.";

    static JsonNode expectedDocument(String time) {
        return Json.parseOrNull("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\","
                + "\"Resource\":\"*\",\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + time + "\"}}}}");
    }

    private void noRolePolicy() {
        doThrow(awsError("NoSuchEntity", NO_ROLE_POLICY, 404, "rg")).when(c.iam).getRolePolicy(any(GetRolePolicyRequest.class));
    }

    @Test
    void revokeRoleSessions_putsTheDocumentedDenyPolicy_andUndoRemovesIt() {
        noRolePolicy();
        doReturn(PutRolePolicyResponse.builder().build()).when(c.iam).putRolePolicy(any(PutRolePolicyRequest.class));
        RevokeRoleSessionsAction a = new RevokeRoleSessionsAction(c);
        Params p = Params.of("roleName", "ci-deployer");

        ActionResult r = a.execute(p, CTX);

        InOrder o = inOrder(c.iam);
        o.verify(c.iam).getRolePolicy(any(GetRolePolicyRequest.class));
        ArgumentCaptor<PutRolePolicyRequest> req = ArgumentCaptor.forClass(PutRolePolicyRequest.class);
        o.verify(c.iam).putRolePolicy(req.capture());
        assertThat(req.getValue().roleName()).isEqualTo("ci-deployer");
        assertThat(req.getValue().policyName()).isEqualTo("AWSRevokeOlderSessions");
        assertThat(Json.parseOrNull(req.getValue().policyDocument())).isEqualTo(expectedDocument("2026-11-20T12:00:00Z"));
        assertThat(r.data().get("roleName").asText()).isEqualTo("ci-deployer");
        assertThat(r.data().get("policyName").asText()).isEqualTo("AWSRevokeOlderSessions");
        assertThat(r.data().get("revokedBefore").asText()).isEqualTo("2026-11-20T12:00:00Z");
        assertThat(r.data().get("previousRevokedBefore").isNull()).isTrue();
        Undo undo = a.undo(p, r).orElseThrow();
        assertThat(undo.action()).isEqualTo("iam.restoreRoleSessions");
        assertThat(undo.params().get("roleName").asText()).isEqualTo("ci-deployer");
        assertThat(new Params((ObjectNode) undo.params()).optString("revokedBefore")).isEmpty();
        assertThat(a.spec().effect()).isEqualTo(Effect.CHANGE);
        assertThat(a.spec().canLockOut()).isTrue();
        assertThat(a.spec().iamActions()).containsExactly("iam:GetRolePolicy", "iam:PutRolePolicy");
        Plan plan = a.plan(p, CTX);
        assertThat(plan.calls()).extracting(PlannedCall::operation).containsExactly("GetRolePolicy", "PutRolePolicy");
        assertThat(plan.calls()).allMatch(call -> call.region().equals("aws-global"));
        assertThat(plan.calls().get(1).parameters().get("PolicyDocument").asText()).contains("aws:TokenIssueTime");
    }

    @Test
    void revokeRoleSessions_cutoffIsRoundedUpToTheSecond() {
        noRolePolicy();
        doReturn(PutRolePolicyResponse.builder().build()).when(c.iam).putRolePolicy(any(PutRolePolicyRequest.class));
        ActionContext ctx = new ActionContext("us-east-1", ACCOUNT, "s-unit",
                Clock.fixed(Instant.parse("2026-11-20T12:00:00.250Z"), ZoneOffset.UTC), ActionContext.Progress.NONE);

        ActionResult r = new RevokeRoleSessionsAction(c).execute(Params.of("roleName", "ci-deployer"), ctx);

        assertThat(r.data().get("revokedBefore").asText()).isEqualTo("2026-11-20T12:00:01Z");
        assertThat(SessionCutoff.cutoff(Instant.parse("2026-11-20T12:00:00Z"))).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
    }

    @Test
    void revokeRoleSessions_again_remembersTheEarlierCutoff_andUndoPutsItBack() {
        doReturn(GetRolePolicyResponse.builder().roleName("r").policyName("AWSRevokeOlderSessions")
                .policyDocument(urlEncoded(expectedDocument("2026-11-01T00:00:00Z").toString())).build())
                .when(c.iam).getRolePolicy(any(GetRolePolicyRequest.class));
        doReturn(PutRolePolicyResponse.builder().build()).when(c.iam).putRolePolicy(any(PutRolePolicyRequest.class));
        RevokeRoleSessionsAction revoke = new RevokeRoleSessionsAction(c);

        ActionResult r = revoke.execute(Params.of("roleName", "r"), CTX);

        assertThat(r.data().get("previousRevokedBefore").asText()).isEqualTo("2026-11-01T00:00:00Z");
        Undo undo = revoke.undo(Params.of("roleName", "r"), r).orElseThrow();
        assertThat(undo.params().get("revokedBefore").asText()).isEqualTo("2026-11-01T00:00:00Z");

        ActionResult restored = new RestoreRoleSessionsAction(c).execute(new Params((ObjectNode) undo.params()), CTX);

        ArgumentCaptor<PutRolePolicyRequest> req = ArgumentCaptor.forClass(PutRolePolicyRequest.class);
        verify(c.iam, org.mockito.Mockito.times(2)).putRolePolicy(req.capture());
        assertThat(Json.parseOrNull(req.getAllValues().get(1).policyDocument())).isEqualTo(expectedDocument("2026-11-01T00:00:00Z"));
        verify(c.iam, never()).deleteRolePolicy(any(DeleteRolePolicyRequest.class));
        assertThat(restored.data().get("revokedBefore").asText()).isEqualTo("2026-11-01T00:00:00Z");
    }

    @Test
    void restoreRoleSessions_deletesThePolicy_andUndoRevokesWithTheRemovedCutoff() {
        doReturn(GetRolePolicyResponse.builder().roleName("r").policyName("AWSRevokeOlderSessions")
                .policyDocument(urlEncoded(expectedDocument("2026-11-20T11:00:00Z").toString())).build())
                .when(c.iam).getRolePolicy(any(GetRolePolicyRequest.class));
        doReturn(DeleteRolePolicyResponse.builder().build()).when(c.iam).deleteRolePolicy(any(DeleteRolePolicyRequest.class));
        RestoreRoleSessionsAction a = new RestoreRoleSessionsAction(c);

        ActionResult r = a.execute(Params.of("roleName", "r"), CTX);

        ArgumentCaptor<DeleteRolePolicyRequest> req = ArgumentCaptor.forClass(DeleteRolePolicyRequest.class);
        verify(c.iam).deleteRolePolicy(req.capture());
        assertThat(req.getValue().roleName()).isEqualTo("r");
        assertThat(req.getValue().policyName()).isEqualTo("AWSRevokeOlderSessions");
        assertThat(r.data().get("hadPolicy").asBoolean()).isTrue();
        assertThat(r.data().get("removedRevokedBefore").asText()).isEqualTo("2026-11-20T11:00:00Z");
        Undo undo = a.undo(Params.of("roleName", "r"), r).orElseThrow();
        assertThat(undo.action()).isEqualTo("iam.revokeRoleSessions");
        assertThat(undo.params().get("revokedBefore").asText()).isEqualTo("2026-11-20T11:00:00Z");
        assertThat(a.spec().canLockOut()).isFalse();
        assertThat(a.plan(Params.of("roleName", "r"), CTX).calls()).extracting(PlannedCall::operation)
                .containsExactly("GetRolePolicy", "DeleteRolePolicy");
    }

    @Test
    void restoreRoleSessions_withoutThePolicy_changesNothing() {
        noRolePolicy();

        ActionResult r = new RestoreRoleSessionsAction(c).execute(Params.of("roleName", "r"), CTX);

        assertThat(r.data().get("hadPolicy").asBoolean()).isFalse();
        assertThat(new RestoreRoleSessionsAction(c).undo(Params.of("roleName", "r"), r)).isEmpty();
        verify(c.iam, never()).deleteRolePolicy(any(DeleteRolePolicyRequest.class));
    }

    @Test
    void revokeRoleSessions_unknownRole_serviceLinkedRole_futureCutoff_areFailures() {
        doThrow(awsError("NoSuchEntity", "The role with name ghost cannot be found.", 404, "rn"))
                .when(c.iam).getRolePolicy(any(GetRolePolicyRequest.class));
        assertThatThrownBy(() -> new RevokeRoleSessionsAction(c).execute(Params.of("roleName", "ghost"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.operation()).isEqualTo("GetRolePolicy"));

        noRolePolicy();
        doThrow(awsError("UnmodifiableEntity", "Cannot perform the operation on the protected role", 400, "ru"))
                .when(c.iam).putRolePolicy(any(PutRolePolicyRequest.class));
        assertThatThrownBy(() -> new RevokeRoleSessionsAction(c).execute(Params.of("roleName", "AWSServiceRoleForSupport"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.errorCode()).isEqualTo("UnmodifiableEntity");
                    assertThat(f.getMessage()).contains("service-linked role");
                });

        assertThatThrownBy(() -> new RevokeRoleSessionsAction(c).execute(
                Params.of("roleName", "r", "revokedBefore", "2026-11-21T00:00:00Z"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.kind()).isEqualTo(ActionFailure.Kind.INVALID_PARAM));
        assertThatThrownBy(() -> new RevokeRoleSessionsAction(c).plan(Params.of("roleName", "no spaces"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.kind()).isEqualTo(ActionFailure.Kind.INVALID_PARAM));
    }

    @Test
    void denyUserTemporaryCredentials_putsTheSamePolicyOnTheUser_andAllowRemovesIt() {
        doThrow(awsError("NoSuchEntity", "The user policy with name AWSRevokeOlderSessions cannot be found.", 404, "ru"))
                .when(c.iam).getUserPolicy(any(GetUserPolicyRequest.class));
        doReturn(PutUserPolicyResponse.builder().build()).when(c.iam).putUserPolicy(any(PutUserPolicyRequest.class));
        DenyUserTemporaryCredentialsAction deny = new DenyUserTemporaryCredentialsAction(c);

        ActionResult r = deny.execute(Params.of("userName", "bob"), CTX);

        ArgumentCaptor<PutUserPolicyRequest> req = ArgumentCaptor.forClass(PutUserPolicyRequest.class);
        verify(c.iam).putUserPolicy(req.capture());
        assertThat(req.getValue().userName()).isEqualTo("bob");
        assertThat(req.getValue().policyName()).isEqualTo("AWSRevokeOlderSessions");
        assertThat(Json.parseOrNull(req.getValue().policyDocument())).isEqualTo(expectedDocument("2026-11-20T12:00:00Z"));
        assertThat(r.data().get("userName").asText()).isEqualTo("bob");
        assertThat(r.data().get("revokedBefore").asText()).isEqualTo("2026-11-20T12:00:00Z");
        assertThat(r.findings()).anyMatch(f -> f.message().contains("long-term access keys are not affected"));
        assertThat(deny.plan(Params.of("userName", "bob"), CTX).summary()).contains("long-term access keys keep working");
        assertThat(deny.spec().iamActions()).containsExactly("iam:GetUserPolicy", "iam:PutUserPolicy");
        Undo undo = deny.undo(Params.of("userName", "bob"), r).orElseThrow();
        assertThat(undo.action()).isEqualTo("iam.allowUserTemporaryCredentials");

        doReturn(GetUserPolicyResponse.builder().userName("bob").policyName("AWSRevokeOlderSessions")
                .policyDocument(urlEncoded(expectedDocument("2026-11-20T12:00:00Z").toString())).build())
                .when(c.iam).getUserPolicy(any(GetUserPolicyRequest.class));
        doReturn(DeleteUserPolicyResponse.builder().build()).when(c.iam).deleteUserPolicy(any(DeleteUserPolicyRequest.class));
        AllowUserTemporaryCredentialsAction allow = new AllowUserTemporaryCredentialsAction(c);

        ActionResult back = allow.execute(new Params((ObjectNode) undo.params()), CTX);

        ArgumentCaptor<DeleteUserPolicyRequest> del = ArgumentCaptor.forClass(DeleteUserPolicyRequest.class);
        verify(c.iam).deleteUserPolicy(del.capture());
        assertThat(del.getValue().userName()).isEqualTo("bob");
        assertThat(del.getValue().policyName()).isEqualTo("AWSRevokeOlderSessions");
        assertThat(back.data().get("removedRevokedBefore").asText()).isEqualTo("2026-11-20T12:00:00Z");
        assertThat(allow.undo(Params.of("userName", "bob"), back).orElseThrow().action())
                .isEqualTo("iam.denyUserTemporaryCredentials");
    }

    // ------------------------------------------------------------------ iam.deletePolicy

    static final String POLICY = "arn:aws:iam::111122223333:policy/miner-policy";
    static final String V2_DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:RunInstances\",\"Resource\":\"*\"}]}";

    private void managedPolicy(int boundaryUses) {
        doReturn(GetPolicyResponse.builder().policy(p -> p.policyName("miner-policy").arn(POLICY).defaultVersionId("v2")
                .attachmentCount(3).permissionsBoundaryUsageCount(boundaryUses).createDate(NOW)).build())
                .when(c.iam).getPolicy(any(GetPolicyRequest.class));
        doReturn(ListPolicyVersionsResponse.builder().versions(
                PolicyVersion.builder().versionId("v2").isDefaultVersion(true).createDate(NOW).build(),
                PolicyVersion.builder().versionId("v1").isDefaultVersion(false).createDate(NOW.minusSeconds(60)).build())
                .isTruncated(false).build()).when(c.iam).listPolicyVersions(any(ListPolicyVersionsRequest.class));
        doReturn(GetPolicyVersionResponse.builder().policyVersion(v -> v.versionId("v2").isDefaultVersion(true)
                .document(urlEncoded(V2_DOC))).build())
                .when(c.iam).getPolicyVersion(org.mockito.ArgumentMatchers.<GetPolicyVersionRequest>argThat(
                        r -> r != null && "v2".equals(r.versionId())));
        doReturn(GetPolicyVersionResponse.builder().policyVersion(v -> v.versionId("v1").isDefaultVersion(false)
                .document(urlEncoded("{\"Version\":\"2012-10-17\",\"Statement\":[]}"))).build())
                .when(c.iam).getPolicyVersion(org.mockito.ArgumentMatchers.<GetPolicyVersionRequest>argThat(
                        r -> r != null && "v1".equals(r.versionId())));
        doReturn(ListEntitiesForPolicyResponse.builder().policyUsers(u -> u.userName("bob"))
                .policyGroups(g -> g.groupName("devs")).policyRoles(r -> r.roleName("ci")).isTruncated(false).build())
                .when(c.iam).listEntitiesForPolicy(any(ListEntitiesForPolicyRequest.class));
        doReturn(DetachUserPolicyResponse.builder().build()).when(c.iam).detachUserPolicy(any(DetachUserPolicyRequest.class));
        doReturn(DetachGroupPolicyResponse.builder().build()).when(c.iam).detachGroupPolicy(any(DetachGroupPolicyRequest.class));
        doReturn(DetachRolePolicyResponse.builder().build()).when(c.iam).detachRolePolicy(any(DetachRolePolicyRequest.class));
        doReturn(DeletePolicyVersionResponse.builder().build()).when(c.iam).deletePolicyVersion(any(DeletePolicyVersionRequest.class));
        doReturn(DeletePolicyResponse.builder().build()).when(c.iam).deletePolicy(any(DeletePolicyRequest.class));
    }

    @Test
    void deletePolicy_capturesVersions_detachesEverywhere_deletesOldVersions_thenThePolicy() {
        managedPolicy(0);
        DeletePolicyAction a = new DeletePolicyAction(c);

        ActionResult r = a.execute(Params.of("policyArn", POLICY), CTX);

        assertThat(Invocations.actions("iam", c.iam)).containsExactly("iam:GetPolicy", "iam:ListPolicyVersions",
                "iam:GetPolicyVersion", "iam:GetPolicyVersion", "iam:ListEntitiesForPolicy", "iam:DetachUserPolicy",
                "iam:DetachGroupPolicy", "iam:DetachRolePolicy", "iam:DeletePolicyVersion", "iam:DeletePolicy");
        ArgumentCaptor<DeletePolicyVersionRequest> v = ArgumentCaptor.forClass(DeletePolicyVersionRequest.class);
        verify(c.iam).deletePolicyVersion(v.capture());
        assertThat(v.getValue().versionId()).isEqualTo("v1");
        ArgumentCaptor<ListEntitiesForPolicyRequest> le = ArgumentCaptor.forClass(ListEntitiesForPolicyRequest.class);
        verify(c.iam).listEntitiesForPolicy(le.capture());
        assertThat(le.getValue().policyUsageFilter()).isEqualTo(PolicyUsageType.PERMISSIONS_POLICY);
        JsonNode d = r.data();
        assertThat(d.get("policyArn").asText()).isEqualTo(POLICY);
        assertThat(d.get("deleted").asBoolean()).isTrue();
        assertThat(d.at("/captured/policy/DefaultVersionId").asText()).isEqualTo("v2");
        assertThat(d.at("/captured/defaultVersion/versionId").asText()).isEqualTo("v2");
        assertThat(d.at("/captured/defaultVersion/document/Statement/0/Action").asText()).isEqualTo("ec2:RunInstances");
        assertThat(d.at("/captured/versions")).hasSize(2);
        assertThat(d.at("/captured/entities/users/0").asText()).isEqualTo("bob");
        assertThat(d.at("/captured/entities/groups/0").asText()).isEqualTo("devs");
        assertThat(d.at("/captured/entities/roles/0").asText()).isEqualTo("ci");
        assertThat(d.get("removed").findValuesAsText("what")).containsExactly("userAttachment", "groupAttachment",
                "roleAttachment", "policyVersion");
        assertThat(a.spec().iamActions()).containsAll(Invocations.actions("iam", c.iam));
        assertThat(a.spec().effect()).isEqualTo(Effect.DESTROY);
        assertThat(a.spec().targetParam()).isEqualTo("policyArn");
        Plan plan = a.plan(Params.of("policyArn", POLICY), CTX);
        assertThat(plan.target()).isEqualTo(POLICY);
        assertThat(plan.calls()).extracting(PlannedCall::operation).containsExactly("GetPolicy", "ListPolicyVersions",
                "GetPolicyVersion", "ListEntitiesForPolicy", "DetachUserPolicy", "DetachGroupPolicy", "DetachRolePolicy",
                "DeletePolicyVersion", "DeletePolicy");
    }

    @Test
    void deletePolicy_awsManaged_isRefusedBeforeAnyCall() {
        DeletePolicyAction a = new DeletePolicyAction(c);
        for (String arn : new String[] {"arn:aws:iam::aws:policy/AdministratorAccess",
                "arn:aws-us-gov:iam::aws:policy/AWSCompromisedKeyQuarantineV2"}) {
            assertThatThrownBy(() -> a.execute(Params.of("policyArn", arn), CTX))
                    .isInstanceOfSatisfying(ActionFailure.class, f -> {
                        assertThat(f.kind()).isEqualTo(ActionFailure.Kind.INVALID_PARAM);
                        assertThat(f.getMessage()).contains("AWS managed policy").contains("detach");
                    });
            assertThatThrownBy(() -> a.plan(Params.of("policyArn", arn), CTX)).isInstanceOf(ActionFailure.class);
        }
        assertThatThrownBy(() -> a.plan(Params.of("policyArn", "miner-policy"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.kind()).isEqualTo(ActionFailure.Kind.INVALID_PARAM));
        assertThat(Invocations.actions("iam", c.iam)).isEmpty();
    }

    @Test
    void deletePolicy_usedAsPermissionsBoundary_isRefusedBeforeAnyChange() {
        managedPolicy(2);

        assertThatThrownBy(() -> new DeletePolicyAction(c).execute(Params.of("policyArn", POLICY), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.getMessage()).contains("permissions boundary of 2").contains("checked before any change");
                    assertThat(f.getMessage()).doesNotContain("stopped while capturing");
                });
        assertThat(Invocations.actions("iam", c.iam)).containsExactly("iam:GetPolicy");
    }

    @Test
    void deletePolicy_failureMidway_saysWhatIsDetachedAndWhatIsLeft() {
        managedPolicy(0);
        doThrow(awsError("NoSuchEntity", "Role ci not found", 404, "rq-ci"))
                .when(c.iam).detachRolePolicy(any(DetachRolePolicyRequest.class));

        assertThatThrownBy(() -> new DeletePolicyAction(c).execute(Params.of("policyArn", POLICY), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.operation()).isEqualTo("DetachRolePolicy");
                    assertThat(f.requestId()).isEqualTo("rq-ci");
                    assertThat(f.getMessage()).contains("iam.deletePolicy stopped at DetachRolePolicy (roleAttachment ci)")
                            .contains("Already removed (2): userAttachment bob, groupAttachment devs.")
                            .contains("Still left (3): roleAttachment ci, policyVersion v1, policy " + POLICY + ".");
                });
        verify(c.iam, never()).deletePolicy(any(DeletePolicyRequest.class));
    }

    // ------------------------------------------------------------------ iam.deleteRole

    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::999988887777:root\"},\"Action\":\"sts:AssumeRole\"}]}";

    private void role(String path) {
        doReturn(GetRoleResponse.builder().role(r -> r.roleName("backdoor").path(path).roleId("AROA1")
                .arn("arn:aws:iam::111122223333:role" + path + "backdoor").createDate(NOW)
                .assumeRolePolicyDocument(urlEncoded(TRUST))).build()).when(c.iam).getRole(any(GetRoleRequest.class));
        doReturn(ListRolePoliciesResponse.builder().policyNames("inline-a").isTruncated(false).build())
                .when(c.iam).listRolePolicies(any(ListRolePoliciesRequest.class));
        doReturn(GetRolePolicyResponse.builder().roleName("backdoor").policyName("inline-a")
                .policyDocument(urlEncoded(V2_DOC)).build()).when(c.iam).getRolePolicy(any(GetRolePolicyRequest.class));
        doReturn(ListAttachedRolePoliciesResponse.builder().attachedPolicies(p -> p.policyName("AdministratorAccess")
                .policyArn("arn:aws:iam::aws:policy/AdministratorAccess")).isTruncated(false).build())
                .when(c.iam).listAttachedRolePolicies(any(ListAttachedRolePoliciesRequest.class));
        doReturn(ListInstanceProfilesForRoleResponse.builder().instanceProfiles(p -> p.instanceProfileName("backdoor-profile")
                .instanceProfileId("AIPA1").arn("arn:aws:iam::111122223333:instance-profile/backdoor-profile").path("/")
                .createDate(NOW)).isTruncated(false).build())
                .when(c.iam).listInstanceProfilesForRole(any(ListInstanceProfilesForRoleRequest.class));
        doReturn(DeleteRolePolicyResponse.builder().build()).when(c.iam).deleteRolePolicy(any(DeleteRolePolicyRequest.class));
        doReturn(DetachRolePolicyResponse.builder().build()).when(c.iam).detachRolePolicy(any(DetachRolePolicyRequest.class));
        doReturn(RemoveRoleFromInstanceProfileResponse.builder().build())
                .when(c.iam).removeRoleFromInstanceProfile(any(RemoveRoleFromInstanceProfileRequest.class));
        doReturn(DeleteRoleResponse.builder().build()).when(c.iam).deleteRole(any(DeleteRoleRequest.class));
    }

    @Test
    void deleteRole_capturesTrustAndPolicies_thenRemovesInDocumentedOrder() {
        role("/");
        DeleteRoleAction a = new DeleteRoleAction(c);

        ActionResult r = a.execute(Params.of("roleName", "backdoor"), CTX);

        assertThat(Invocations.actions("iam", c.iam)).containsExactly("iam:GetRole", "iam:ListRolePolicies",
                "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole",
                "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteRole");
        ArgumentCaptor<RemoveRoleFromInstanceProfileRequest> rp = ArgumentCaptor.forClass(RemoveRoleFromInstanceProfileRequest.class);
        verify(c.iam).removeRoleFromInstanceProfile(rp.capture());
        assertThat(rp.getValue().instanceProfileName()).isEqualTo("backdoor-profile");
        assertThat(rp.getValue().roleName()).isEqualTo("backdoor");
        JsonNode d = r.data();
        assertThat(d.get("roleName").asText()).isEqualTo("backdoor");
        assertThat(d.get("deleted").asBoolean()).isTrue();
        assertThat(d.at("/captured/trustPolicy/Statement/0/Principal/AWS").asText()).isEqualTo("arn:aws:iam::999988887777:root");
        assertThat(d.at("/captured/role/AssumeRolePolicyDocument/Statement/0/Action").asText()).isEqualTo("sts:AssumeRole");
        assertThat(d.at("/captured/inlinePolicies/0/document/Statement/0/Action").asText()).isEqualTo("ec2:RunInstances");
        assertThat(d.at("/captured/attachedPolicies/0/PolicyArn").asText()).isEqualTo("arn:aws:iam::aws:policy/AdministratorAccess");
        assertThat(d.at("/captured/instanceProfiles/0/instanceProfileName").asText()).isEqualTo("backdoor-profile");
        assertThat(d.get("removed").findValuesAsText("what")).containsExactly("inlinePolicy", "attachedPolicy", "instanceProfile");
        assertThat(r.findings()).anyMatch(f -> f.message().contains("backdoor-profile is left without a role"));
        assertThat(a.spec().iamActions()).containsExactlyInAnyOrderElementsOf(Invocations.actions("iam", c.iam));
        assertThat(a.spec().targetParam()).isEqualTo("roleName");
        assertThat(a.spec().effect()).isEqualTo(Effect.DESTROY);
        Plan plan = a.plan(Params.of("roleName", "backdoor"), CTX);
        assertThat(plan.target()).isEqualTo("backdoor");
        assertThat(plan.calls()).extracting(PlannedCall::operation).containsExactly("GetRole", "ListRolePolicies",
                "GetRolePolicy", "ListAttachedRolePolicies", "ListInstanceProfilesForRole", "DeleteRolePolicy",
                "DetachRolePolicy", "RemoveRoleFromInstanceProfile", "DeleteRole");
    }

    @Test
    void deleteRole_serviceLinked_isRefusedBeforeAnyChange() {
        role("/aws-service-role/support.amazonaws.com/");

        assertThatThrownBy(() -> new DeleteRoleAction(c).execute(Params.of("roleName", "backdoor"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.errorCode()).isEqualTo("UnmodifiableEntity");
                    assertThat(f.getMessage()).contains("service-linked role").contains("checked before any change");
                });
        assertThat(Invocations.actions("iam", c.iam)).containsExactly("iam:GetRole");
    }
}
