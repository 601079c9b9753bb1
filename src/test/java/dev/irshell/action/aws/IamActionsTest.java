package dev.irshell.action.aws;

import static dev.irshell.action.aws.FakeClients.CTX;
import static dev.irshell.action.aws.FakeClients.NOW;
import static dev.irshell.action.aws.FakeClients.awsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.Effect;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import dev.irshell.action.Severity;
import dev.irshell.action.Undo;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedRequest;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.GetLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.GetLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyResponse;
import software.amazon.awssdk.services.sts.model.GetAccessKeyInfoRequest;
import software.amazon.awssdk.services.sts.model.GetAccessKeyInfoResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** Unit tests of the IAM and STS actions over mocked clients: requests sent, results, plans, undo, errors. */
class IamActionsTest {
    static final String KEY = "AKIAVICTIMKEY0000001";
    static final String KEY2 = "AKIAVICTIMKEY0000002";
    final FakeClients c = new FakeClients();

    private void lastUsed(String key, String user, java.time.Instant when) {
        doReturn(GetAccessKeyLastUsedResponse.builder().userName(user).accessKeyLastUsed(u -> u.lastUsedDate(when)
                .serviceName(when == null ? "N/A" : "ec2").region(when == null ? "N/A" : "eu-west-1")).build())
                .when(c.iam).getAccessKeyLastUsed(org.mockito.ArgumentMatchers.<GetAccessKeyLastUsedRequest>argThat(
                        r -> r != null && key.equals(r.accessKeyId())));
    }

    private void keys(String user, AccessKeyMetadata... metadata) {
        doReturn(ListAccessKeysResponse.builder().accessKeyMetadata(metadata).isTruncated(false).build())
                .when(c.iam).listAccessKeys(any(ListAccessKeysRequest.class));
    }

    private static AccessKeyMetadata key(String id, String status) {
        return AccessKeyMetadata.builder().userName("bob").accessKeyId(id).status(status)
                .createDate(NOW.minus(Duration.ofDays(30))).build();
    }

    // --- sts.whoami ---

    @Test
    void whoami_returnsIdentityOfTheCredentials() {
        doReturn(GetCallerIdentityResponse.builder().account(FakeClients.ACCOUNT)
                .arn("arn:aws:iam::" + FakeClients.ACCOUNT + ":user/responder").userId("AIDAX").build())
                .when(c.sts).getCallerIdentity(any(GetCallerIdentityRequest.class));

        ActionResult r = new WhoAmIAction(c).execute(Params.of(), CTX);

        assertThat(r.data().get("account").asText()).isEqualTo(FakeClients.ACCOUNT);
        assertThat(r.data().get("userName").asText()).isEqualTo("responder");
        assertThat(r.data().get("accessKeyId").asText()).isEqualTo(c.accessKeyId);
        assertThat(r.findings()).isEmpty();
        assertThat(new WhoAmIAction(c).plan(Params.of(), CTX).calls()).extracting(PlannedCall::operation)
                .containsExactly("GetCallerIdentity");
    }

    @Test
    void whoami_root_isCritical_andBadTokenIsCredentialsFailure() {
        doReturn(GetCallerIdentityResponse.builder().account("1").arn("arn:aws:iam::1:root").userId("1").build())
                .when(c.sts).getCallerIdentity(any(GetCallerIdentityRequest.class));
        assertThat(new WhoAmIAction(c).execute(Params.of(), CTX).findings()).anyMatch(f -> f.severity() == Severity.CRITICAL);

        doThrow(awsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403, "rq"))
                .when(c.sts).getCallerIdentity(any(GetCallerIdentityRequest.class));
        assertThatThrownBy(() -> new WhoAmIAction(c).execute(Params.of(), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.CREDENTIALS);
                    assertThat(f.requestId()).isEqualTo("rq");
                    assertThat(f.getMessage()).contains("--profile incident");
                });
    }

    // --- iam.accessKeyOwner ---

    @Test
    void accessKeyOwner_longTermKey_asksStsAndIam() {
        doReturn(GetAccessKeyInfoResponse.builder().account(FakeClients.ACCOUNT).build())
                .when(c.sts).getAccessKeyInfo(any(GetAccessKeyInfoRequest.class));
        lastUsed(KEY, "bob", NOW.minus(Duration.ofHours(3)));

        ActionResult r = new AccessKeyOwnerAction(c).execute(Params.of("accessKeyId", KEY), CTX);

        ArgumentCaptor<GetAccessKeyLastUsedRequest> req = ArgumentCaptor.forClass(GetAccessKeyLastUsedRequest.class);
        verify(c.iam).getAccessKeyLastUsed(req.capture());
        assertThat(req.getValue().accessKeyId()).isEqualTo(KEY);
        assertThat(r.data().get("userName").asText()).isEqualTo("bob");
        assertThat(r.data().get("lastUsedDate").asText()).isEqualTo("2026-11-20T09:00:00Z");
        assertThat(r.data().get("lastUsedService").asText()).isEqualTo("ec2");
        assertThat(r.data().get("lastUsedRegion").asText()).isEqualTo("eu-west-1");
        assertThat(r.data().get("temporary").asBoolean()).isFalse();
        assertThat(r.data().get("account").asText()).isEqualTo(FakeClients.ACCOUNT);
        assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.CRITICAL);
        assertThat(r.tables().get(0).rows()).anyMatch(row -> row.equals(java.util.List.of("User", "bob")));
    }

    @Test
    void accessKeyOwner_keyOfAnotherAccount_isCritical_andSkipsIam() {
        doReturn(GetAccessKeyInfoResponse.builder().account("999988887777").build())
                .when(c.sts).getAccessKeyInfo(any(GetAccessKeyInfoRequest.class));

        ActionResult r = new AccessKeyOwnerAction(c).execute(Params.of("accessKeyId", KEY), CTX);

        assertThat(r.data().get("account").asText()).isEqualTo("999988887777");
        assertThat(r.data().get("userName").isNull()).isTrue();
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.CRITICAL && f.message().contains("999988887777"));
        verify(c.iam, never()).getAccessKeyLastUsed(any(GetAccessKeyLastUsedRequest.class));
    }

    @Test
    void accessKeyOwner_temporaryKey_warnsAboutRoleSessions() {
        doReturn(GetAccessKeyInfoResponse.builder().account(FakeClients.ACCOUNT).build())
                .when(c.sts).getAccessKeyInfo(any(GetAccessKeyInfoRequest.class));

        ActionResult r = new AccessKeyOwnerAction(c).execute(Params.of("accessKeyId", "ASIATEMPKEY000000001"), CTX);

        assertThat(r.data().get("temporary").asBoolean()).isTrue();
        assertThat(r.data().get("userName").isNull()).isTrue();
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().contains("revoke"));
        verify(c.iam, never()).getAccessKeyLastUsed(any(GetAccessKeyLastUsedRequest.class));
        assertThat(new AccessKeyOwnerAction(c).plan(Params.of("accessKeyId", "ASIATEMPKEY000000001"), CTX).calls())
                .extracting(PlannedCall::operation).containsExactly("GetAccessKeyInfo");
    }

    @Test
    void accessKeyOwner_accessDenied_namesIamPermission_andBadFormIsInvalidParam() {
        doReturn(GetAccessKeyInfoResponse.builder().account(FakeClients.ACCOUNT).build())
                .when(c.sts).getAccessKeyInfo(any(GetAccessKeyInfoRequest.class));
        doThrow(awsError("AccessDenied", "not authorized to perform iam:GetAccessKeyLastUsed", 403, "req-77"))
                .when(c.iam).getAccessKeyLastUsed(any(GetAccessKeyLastUsedRequest.class));

        assertThatThrownBy(() -> new AccessKeyOwnerAction(c).execute(Params.of("accessKeyId", KEY), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.ACCESS_DENIED);
                    assertThat(f.missingPermission()).isEqualTo("iam:GetAccessKeyLastUsed");
                    assertThat(f.requestId()).isEqualTo("req-77");
                    assertThat(f.region()).isEqualTo("aws-global");
                });
        assertThatThrownBy(() -> new AccessKeyOwnerAction(c).execute(Params.of("accessKeyId", "akia-nope"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.kind()).isEqualTo(ActionFailure.Kind.INVALID_PARAM));
    }

    // --- iam.listAccessKeys ---

    @Test
    void listAccessKeys_followsMarker_andFlagsRecentUse() {
        doReturn(ListAccessKeysResponse.builder().accessKeyMetadata(key(KEY, "Active")).isTruncated(true).marker("m1").build())
                .when(c.iam).listAccessKeys(org.mockito.ArgumentMatchers.<ListAccessKeysRequest>argThat(r -> r != null && r.marker() == null));
        doReturn(ListAccessKeysResponse.builder().accessKeyMetadata(key(KEY2, "Active")).isTruncated(false).build())
                .when(c.iam).listAccessKeys(org.mockito.ArgumentMatchers.<ListAccessKeysRequest>argThat(r -> r != null && "m1".equals(r.marker())));
        lastUsed(KEY, "bob", NOW.minus(Duration.ofDays(1)));
        lastUsed(KEY2, "bob", null);

        ActionResult r = new ListAccessKeysAction(c).execute(Params.of("userName", "bob"), CTX);

        assertThat(r.data().get("userName").asText()).isEqualTo("bob");
        assertThat(r.data().get("keys")).hasSize(2);
        assertThat(r.data().get("keys").get(0).get("lastUsedDate").asText()).isEqualTo("2026-11-19T12:00:00Z");
        assertThat(r.data().get("keys").get(1).get("lastUsedDate").isNull()).isTrue();
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().startsWith(KEY));
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.INFO && f.message().contains("two active keys"));
        assertThat(r.tables().get(0).highlighted()).containsExactly(0);
        assertThat(r.tables().get(0).rows().get(1).get(3)).isEqualTo("never");
    }

    // --- iam.disableConsoleAccess ---

    @Test
    void disableConsoleAccess_deletesPassword_andSpecIsDestroyWithTarget() {
        doReturn(GetLoginProfileResponse.builder().loginProfile(p -> p.userName("bob").createDate(NOW.minus(Duration.ofDays(2)))).build())
                .when(c.iam).getLoginProfile(any(GetLoginProfileRequest.class));
        doReturn(DeleteLoginProfileResponse.builder().build()).when(c.iam).deleteLoginProfile(any(DeleteLoginProfileRequest.class));
        DisableConsoleAccessAction a = new DisableConsoleAccessAction(c);

        ActionResult r = a.execute(Params.of("userName", "bob"), CTX);

        ArgumentCaptor<DeleteLoginProfileRequest> req = ArgumentCaptor.forClass(DeleteLoginProfileRequest.class);
        verify(c.iam).deleteLoginProfile(req.capture());
        assertThat(req.getValue().userName()).isEqualTo("bob");
        assertThat(r.data().get("hadPassword").asBoolean()).isTrue();
        assertThat(r.data().get("passwordCreated").asText()).isEqualTo("2026-11-18T12:00:00Z");
        assertThat(r.findings()).anyMatch(f -> f.message().contains("keys of bob still work"));
        assertThat(a.spec().effect()).isEqualTo(Effect.DESTROY);
        assertThat(a.spec().targetParam()).isEqualTo("userName");
        assertThat(a.spec().canLockOut()).isTrue();
        assertThat(a.spec().iamActions()).containsExactly("iam:GetLoginProfile", "iam:DeleteLoginProfile");
        assertThat(a.undo(Params.of("userName", "bob"), r)).isEmpty();
        Plan plan = a.plan(Params.of("userName", "bob"), CTX);
        assertThat(plan.target()).isEqualTo("bob");
        assertThat(plan.calls()).extracting(PlannedCall::operation).containsExactly("GetLoginProfile", "DeleteLoginProfile");
        assertThat(plan.calls().get(1).parameters().get("UserName").asText()).isEqualTo("bob");
    }

    @Test
    void disableConsoleAccess_noPassword_isAResult() {
        doThrow(awsError("NoSuchEntity", "Login Profile for User bob cannot be found.", 404, "r"))
                .when(c.iam).getLoginProfile(any(GetLoginProfileRequest.class));

        ActionResult r = new DisableConsoleAccessAction(c).execute(Params.of("userName", "bob"), CTX);

        assertThat(r.data().get("hadPassword").asBoolean()).isFalse();
        assertThat(r.data().get("disabled").asBoolean()).isFalse();
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.INFO && f.message().contains("nothing to disable"));
        verify(c.iam, never()).deleteLoginProfile(any(DeleteLoginProfileRequest.class));
    }

    // --- iam.createAccessKey ---

    @Test
    void createAccessKey_secretOnlyInSecrets_undoDeletesNewKey() {
        keys("bob", key(KEY, "Inactive"));
        doReturn(CreateAccessKeyResponse.builder().accessKey(k -> k.userName("bob").accessKeyId(KEY2).status("Active")
                .secretAccessKey("wJalrXUtnFEMI/SECRET").createDate(NOW)).build())
                .when(c.iam).createAccessKey(any(CreateAccessKeyRequest.class));
        CreateAccessKeyAction a = new CreateAccessKeyAction(c);

        ActionResult r = a.execute(Params.of("userName", "bob"), CTX);

        ArgumentCaptor<CreateAccessKeyRequest> req = ArgumentCaptor.forClass(CreateAccessKeyRequest.class);
        verify(c.iam).createAccessKey(req.capture());
        assertThat(req.getValue().userName()).isEqualTo("bob");
        assertThat(r.data().toString()).doesNotContain("wJalrXUtnFEMI/SECRET");
        assertThat(r.tables().toString()).doesNotContain("wJalrXUtnFEMI/SECRET");
        assertThat(r.summary()).doesNotContain("wJalrXUtnFEMI/SECRET");
        assertThat(r.secrets()).singleElement().satisfies(s -> {
            assertThat(s.label()).isEqualTo("SecretAccessKey for " + KEY2);
            assertThat(s.value()).isEqualTo("wJalrXUtnFEMI/SECRET");
        });
        Undo undo = a.undo(Params.of("userName", "bob"), r).orElseThrow();
        assertThat(undo.action()).isEqualTo("iam.deleteAccessKey");
        assertThat(undo.params().get("accessKeyId").asText()).isEqualTo(KEY2);
        assertThat(undo.params().get("userName").asText()).isEqualTo("bob");
        assertThat(a.spec().undoAction()).isEqualTo("iam.deleteAccessKey");
        assertThat(a.spec().effect()).isEqualTo(Effect.CHANGE);
    }

    @Test
    void createAccessKey_twoKeysAlready_failsBeforeCreate() {
        keys("bob", key(KEY, "Active"), key(KEY2, "Inactive"));

        assertThatThrownBy(() -> new CreateAccessKeyAction(c).execute(Params.of("userName", "bob"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.errorCode()).isEqualTo("LimitExceeded");
                    assertThat(f.getMessage()).contains(KEY, KEY2, "delete one first");
                });
        verify(c.iam, never()).createAccessKey(any(CreateAccessKeyRequest.class));
    }

    @Test
    void createAccessKey_awsLimitExceeded_isMapped() {
        keys("bob");
        doThrow(awsError("LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2", 409, "req-l"))
                .when(c.iam).createAccessKey(any(CreateAccessKeyRequest.class));

        assertThatThrownBy(() -> new CreateAccessKeyAction(c).execute(Params.of("userName", "bob"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.AWS);
                    assertThat(f.errorCode()).isEqualTo("LimitExceeded");
                    assertThat(f.requestId()).isEqualTo("req-l");
                    assertThat(f.httpStatus()).isEqualTo(409);
                });
    }

    // --- iam.deactivateAccessKey / iam.reactivateAccessKey ---

    @Test
    void deactivate_findsOwner_updatesStatus_undoReactivates() {
        lastUsed(KEY, "bob", null);
        keys("bob", key(KEY, "Active"));
        doReturn(UpdateAccessKeyResponse.builder().build()).when(c.iam).updateAccessKey(any(UpdateAccessKeyRequest.class));
        DeactivateAccessKeyAction a = new DeactivateAccessKeyAction(c);

        ActionResult r = a.execute(Params.of("accessKeyId", KEY), CTX);

        ArgumentCaptor<UpdateAccessKeyRequest> req = ArgumentCaptor.forClass(UpdateAccessKeyRequest.class);
        verify(c.iam).updateAccessKey(req.capture());
        assertThat(req.getValue().userName()).isEqualTo("bob");
        assertThat(req.getValue().accessKeyId()).isEqualTo(KEY);
        assertThat(req.getValue().statusAsString()).isEqualTo("Inactive");
        assertThat(r.data().get("previousStatus").asText()).isEqualTo("Active");
        assertThat(r.data().get("status").asText()).isEqualTo("Inactive");
        Undo undo = a.undo(Params.of("accessKeyId", KEY), r).orElseThrow();
        assertThat(undo.action()).isEqualTo("iam.reactivateAccessKey");
        assertThat(undo.params().get("userName").asText()).isEqualTo("bob");
        assertThat(a.spec().canLockOut()).isTrue();
        assertThat(a.spec().iamActions()).contains("iam:UpdateAccessKey", "iam:GetAccessKeyLastUsed");
        assertThat(a.plan(Params.of("accessKeyId", KEY), CTX).calls()).extracting(PlannedCall::operation)
                .containsExactly("GetAccessKeyLastUsed", "ListAccessKeys", "UpdateAccessKey");
        assertThat(a.plan(Params.of("accessKeyId", KEY, "userName", "bob"), CTX).calls()).extracting(PlannedCall::operation)
                .containsExactly("ListAccessKeys", "UpdateAccessKey");
    }

    @Test
    void deactivate_alreadyInactive_changesNothing_andHasNoUndo() {
        keys("bob", key(KEY, "Inactive"));
        DeactivateAccessKeyAction a = new DeactivateAccessKeyAction(c);

        ActionResult r = a.execute(Params.of("accessKeyId", KEY, "userName", "bob"), CTX);

        verify(c.iam, never()).updateAccessKey(any(UpdateAccessKeyRequest.class));
        assertThat(r.data().get("changed").asBoolean()).isFalse();
        assertThat(a.undo(Params.of("accessKeyId", KEY), r)).isEmpty();
    }

    @Test
    void deactivate_keyOfAnotherUser_isNotFound_andTemporaryKeyIsInvalid() {
        keys("bob", key(KEY2, "Active"));
        assertThatThrownBy(() -> new DeactivateAccessKeyAction(c).execute(Params.of("accessKeyId", KEY, "userName", "bob"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.kind()).isEqualTo(ActionFailure.Kind.NOT_FOUND));
        assertThatThrownBy(() -> new DeactivateAccessKeyAction(c).execute(Params.of("accessKeyId", "ASIATEMPKEY000000001"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.kind()).isEqualTo(ActionFailure.Kind.INVALID_PARAM));
    }

    @Test
    void reactivate_setsActive_undoDeactivates() {
        keys("bob", key(KEY, "Inactive"));
        doReturn(UpdateAccessKeyResponse.builder().build()).when(c.iam).updateAccessKey(any(UpdateAccessKeyRequest.class));
        ReactivateAccessKeyAction a = new ReactivateAccessKeyAction(c);

        ActionResult r = a.execute(Params.of("accessKeyId", KEY, "userName", "bob"), CTX);

        ArgumentCaptor<UpdateAccessKeyRequest> req = ArgumentCaptor.forClass(UpdateAccessKeyRequest.class);
        verify(c.iam).updateAccessKey(req.capture());
        assertThat(req.getValue().statusAsString()).isEqualTo("Active");
        assertThat(a.undo(Params.of(), r).orElseThrow().action()).isEqualTo("iam.deactivateAccessKey");
        assertThat(a.spec().canLockOut()).isFalse();
    }

    // --- iam.deleteAccessKey ---

    @Test
    void deleteAccessKey_sendsUserAndKey_isDestroyWithoutUndo() {
        doReturn(DeleteAccessKeyResponse.builder().build()).when(c.iam).deleteAccessKey(any(DeleteAccessKeyRequest.class));
        DeleteAccessKeyAction a = new DeleteAccessKeyAction(c);

        ActionResult r = a.execute(Params.of("accessKeyId", KEY, "userName", "bob"), CTX);

        ArgumentCaptor<DeleteAccessKeyRequest> req = ArgumentCaptor.forClass(DeleteAccessKeyRequest.class);
        verify(c.iam).deleteAccessKey(req.capture());
        assertThat(req.getValue().userName()).isEqualTo("bob");
        assertThat(req.getValue().accessKeyId()).isEqualTo(KEY);
        assertThat(r.data().get("deleted").asBoolean()).isTrue();
        assertThat(a.undo(Params.of(), r)).isEmpty();
        assertThat(a.spec().effect()).isEqualTo(Effect.DESTROY);
        assertThat(a.spec().targetParam()).isEqualTo("accessKeyId");
        assertThat(a.plan(Params.of("accessKeyId", KEY, "userName", "bob"), CTX).target()).isEqualTo(KEY);
    }

    @Test
    void deleteAccessKey_expiredToken_isCredentialsFailure() {
        doThrow(awsError("ExpiredToken", "The security token included in the request is expired", 403, "req-e"))
                .when(c.iam).deleteAccessKey(any(DeleteAccessKeyRequest.class));

        assertThatThrownBy(() -> new DeleteAccessKeyAction(c).execute(Params.of("accessKeyId", KEY, "userName", "bob"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.CREDENTIALS);
                    assertThat(f.getMessage()).contains("aws sso login --profile incident");
                    assertThat(f.requestId()).isEqualTo("req-e");
                    assertThat(f.operation()).isEqualTo("DeleteAccessKey");
                });
    }
}
