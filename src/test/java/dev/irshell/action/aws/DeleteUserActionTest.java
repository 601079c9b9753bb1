package dev.irshell.action.aws;

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
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.Effect;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import software.amazon.awssdk.services.iam.model.*;

/** iam.deleteUser over mocked IAM: capture first, AWS's documented removal order, partial failures, plan. */
class DeleteUserActionTest {
    static final String USER = "intruder";
    static final String KEY1 = "AKIAINTRUDERKEY00001";
    static final String KEY2 = "AKIAINTRUDERKEY00002";
    static final String VIRTUAL_MFA = "arn:aws:iam::111122223333:mfa/intruder-phone";
    static final String HARDWARE_MFA = "GAHT12345678";
    static final String INLINE_DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"ec2:InstanceType\":\"p3.*\"}}}]}";
    static final String ATTACHED = "arn:aws:iam::aws:policy/AdministratorAccess";

    final FakeClients c = new FakeClients();
    final DeleteUserAction action = new DeleteUserAction(c);

    static String urlEncoded(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A user with one of everything that blocks DeleteUser (two keys, two MFA devices). */
    void fullUser() {
        doReturn(GetUserResponse.builder().user(u -> u.userName(USER).userId("AIDAINTRUDER").path("/")
                .arn("arn:aws:iam::111122223333:user/" + USER).createDate(NOW.minus(Duration.ofDays(1)))).build())
                .when(c.iam).getUser(any(GetUserRequest.class));
        doReturn(ListAccessKeysResponse.builder().accessKeyMetadata(
                AccessKeyMetadata.builder().userName(USER).accessKeyId(KEY1).status("Active").createDate(NOW).build(),
                AccessKeyMetadata.builder().userName(USER).accessKeyId(KEY2).status("Inactive").createDate(NOW).build())
                .isTruncated(false).build()).when(c.iam).listAccessKeys(any(ListAccessKeysRequest.class));
        doReturn(GetLoginProfileResponse.builder().loginProfile(p -> p.userName(USER).createDate(NOW)
                .passwordResetRequired(false)).build()).when(c.iam).getLoginProfile(any(GetLoginProfileRequest.class));
        doReturn(ListSigningCertificatesResponse.builder().certificates(s -> s.userName(USER).certificateId("CERT1")
                .status("Active").certificateBody("-----BEGIN CERTIFICATE-----")).isTruncated(false).build())
                .when(c.iam).listSigningCertificates(any(ListSigningCertificatesRequest.class));
        doReturn(ListSshPublicKeysResponse.builder().sshPublicKeys(s -> s.userName(USER).sshPublicKeyId("APKASSH1")
                .status("Active")).isTruncated(false).build()).when(c.iam).listSSHPublicKeys(any(ListSshPublicKeysRequest.class));
        doReturn(ListServiceSpecificCredentialsResponse.builder().serviceSpecificCredentials(s -> s.userName(USER)
                .serviceSpecificCredentialId("ACCASSC1").serviceName("codecommit.amazonaws.com").status("Active")).build())
                .when(c.iam).listServiceSpecificCredentials(any(ListServiceSpecificCredentialsRequest.class));
        doReturn(ListMfaDevicesResponse.builder().mfaDevices(
                MFADevice.builder().userName(USER).serialNumber(VIRTUAL_MFA).enableDate(NOW).build(),
                MFADevice.builder().userName(USER).serialNumber(HARDWARE_MFA).enableDate(NOW).build())
                .isTruncated(false).build()).when(c.iam).listMFADevices(any(ListMfaDevicesRequest.class));
        doReturn(ListUserPoliciesResponse.builder().policyNames("mine").isTruncated(false).build())
                .when(c.iam).listUserPolicies(any(ListUserPoliciesRequest.class));
        doReturn(GetUserPolicyResponse.builder().userName(USER).policyName("mine").policyDocument(urlEncoded(INLINE_DOC)).build())
                .when(c.iam).getUserPolicy(any(GetUserPolicyRequest.class));
        doReturn(ListAttachedUserPoliciesResponse.builder().attachedPolicies(p -> p.policyName("AdministratorAccess")
                .policyArn(ATTACHED)).isTruncated(false).build())
                .when(c.iam).listAttachedUserPolicies(any(ListAttachedUserPoliciesRequest.class));
        doReturn(ListGroupsForUserResponse.builder().groups(g -> g.groupName("admins").groupId("AGPA1").path("/")
                .arn("arn:aws:iam::111122223333:group/admins").createDate(NOW)).isTruncated(false).build())
                .when(c.iam).listGroupsForUser(any(ListGroupsForUserRequest.class));
        doReturn(ListUserTagsResponse.builder().tags(t -> t.key("owner").value("nobody")).isTruncated(false).build())
                .when(c.iam).listUserTags(any(ListUserTagsRequest.class));
        deletionsSucceed();
    }

    void deletionsSucceed() {
        doReturn(DeleteLoginProfileResponse.builder().build()).when(c.iam).deleteLoginProfile(any(DeleteLoginProfileRequest.class));
        doReturn(DeleteAccessKeyResponse.builder().build()).when(c.iam).deleteAccessKey(any(DeleteAccessKeyRequest.class));
        doReturn(DeleteSigningCertificateResponse.builder().build()).when(c.iam).deleteSigningCertificate(any(DeleteSigningCertificateRequest.class));
        doReturn(DeleteSshPublicKeyResponse.builder().build()).when(c.iam).deleteSSHPublicKey(any(DeleteSshPublicKeyRequest.class));
        doReturn(DeleteServiceSpecificCredentialResponse.builder().build()).when(c.iam).deleteServiceSpecificCredential(any(DeleteServiceSpecificCredentialRequest.class));
        doReturn(DeactivateMfaDeviceResponse.builder().build()).when(c.iam).deactivateMFADevice(any(DeactivateMfaDeviceRequest.class));
        doReturn(DeleteVirtualMfaDeviceResponse.builder().build()).when(c.iam).deleteVirtualMFADevice(any(DeleteVirtualMfaDeviceRequest.class));
        doReturn(DeleteUserPolicyResponse.builder().build()).when(c.iam).deleteUserPolicy(any(DeleteUserPolicyRequest.class));
        doReturn(DetachUserPolicyResponse.builder().build()).when(c.iam).detachUserPolicy(any(DetachUserPolicyRequest.class));
        doReturn(RemoveUserFromGroupResponse.builder().build()).when(c.iam).removeUserFromGroup(any(RemoveUserFromGroupRequest.class));
        doReturn(DeleteUserResponse.builder().build()).when(c.iam).deleteUser(any(DeleteUserRequest.class));
    }

    /** A user with nothing but itself. */
    void bareUser() {
        fullUser();
        doThrow(awsError("NoSuchEntity", "Login Profile for User " + USER + " cannot be found.", 404, "r0"))
                .when(c.iam).getLoginProfile(any(GetLoginProfileRequest.class));
        doReturn(ListAccessKeysResponse.builder().isTruncated(false).build()).when(c.iam).listAccessKeys(any(ListAccessKeysRequest.class));
        doReturn(ListSigningCertificatesResponse.builder().isTruncated(false).build()).when(c.iam).listSigningCertificates(any(ListSigningCertificatesRequest.class));
        doReturn(ListSshPublicKeysResponse.builder().isTruncated(false).build()).when(c.iam).listSSHPublicKeys(any(ListSshPublicKeysRequest.class));
        doReturn(ListServiceSpecificCredentialsResponse.builder().build()).when(c.iam).listServiceSpecificCredentials(any(ListServiceSpecificCredentialsRequest.class));
        doReturn(ListMfaDevicesResponse.builder().isTruncated(false).build()).when(c.iam).listMFADevices(any(ListMfaDevicesRequest.class));
        doReturn(ListUserPoliciesResponse.builder().isTruncated(false).build()).when(c.iam).listUserPolicies(any(ListUserPoliciesRequest.class));
        doReturn(ListAttachedUserPoliciesResponse.builder().isTruncated(false).build()).when(c.iam).listAttachedUserPolicies(any(ListAttachedUserPoliciesRequest.class));
        doReturn(ListGroupsForUserResponse.builder().isTruncated(false).build()).when(c.iam).listGroupsForUser(any(ListGroupsForUserRequest.class));
    }

    @Test
    void deleteUser_capturesFirst_thenRemovesInAwsDocumentedOrder() {
        fullUser();

        ActionResult r = action.execute(Params.of("userName", USER), CTX);

        InOrder o = inOrder(c.iam);
        // capture: every read before any change
        o.verify(c.iam).getUser(any(GetUserRequest.class));
        o.verify(c.iam).listAccessKeys(any(ListAccessKeysRequest.class));
        o.verify(c.iam).getLoginProfile(any(GetLoginProfileRequest.class));
        o.verify(c.iam).listSigningCertificates(any(ListSigningCertificatesRequest.class));
        o.verify(c.iam).listSSHPublicKeys(any(ListSshPublicKeysRequest.class));
        o.verify(c.iam).listServiceSpecificCredentials(any(ListServiceSpecificCredentialsRequest.class));
        o.verify(c.iam).listMFADevices(any(ListMfaDevicesRequest.class));
        o.verify(c.iam).listUserPolicies(any(ListUserPoliciesRequest.class));
        o.verify(c.iam).getUserPolicy(any(GetUserPolicyRequest.class));
        o.verify(c.iam).listAttachedUserPolicies(any(ListAttachedUserPoliciesRequest.class));
        o.verify(c.iam).listGroupsForUser(any(ListGroupsForUserRequest.class));
        o.verify(c.iam).listUserTags(any(ListUserTagsRequest.class));
        // then AWS's documented order (IAM user guide, "Deleting an IAM user (AWS CLI)")
        o.verify(c.iam).deleteLoginProfile(any(DeleteLoginProfileRequest.class));
        o.verify(c.iam, org.mockito.Mockito.times(2)).deleteAccessKey(any(DeleteAccessKeyRequest.class));
        o.verify(c.iam).deleteSigningCertificate(any(DeleteSigningCertificateRequest.class));
        o.verify(c.iam).deleteSSHPublicKey(any(DeleteSshPublicKeyRequest.class));
        o.verify(c.iam).deleteServiceSpecificCredential(any(DeleteServiceSpecificCredentialRequest.class));
        o.verify(c.iam).deactivateMFADevice(any(DeactivateMfaDeviceRequest.class));
        o.verify(c.iam).deleteVirtualMFADevice(any(DeleteVirtualMfaDeviceRequest.class));
        o.verify(c.iam).deactivateMFADevice(any(DeactivateMfaDeviceRequest.class));
        o.verify(c.iam).deleteUserPolicy(any(DeleteUserPolicyRequest.class));
        o.verify(c.iam).detachUserPolicy(any(DetachUserPolicyRequest.class));
        o.verify(c.iam).removeUserFromGroup(any(RemoveUserFromGroupRequest.class));
        o.verify(c.iam).deleteUser(any(DeleteUserRequest.class));
        o.verifyNoMoreInteractions();

        ArgumentCaptor<DeleteVirtualMfaDeviceRequest> virt = ArgumentCaptor.forClass(DeleteVirtualMfaDeviceRequest.class);
        verify(c.iam).deleteVirtualMFADevice(virt.capture());
        assertThat(virt.getValue().serialNumber()).isEqualTo(VIRTUAL_MFA);
        ArgumentCaptor<RemoveUserFromGroupRequest> grp = ArgumentCaptor.forClass(RemoveUserFromGroupRequest.class);
        verify(c.iam).removeUserFromGroup(grp.capture());
        assertThat(grp.getValue().groupName()).isEqualTo("admins");
        assertThat(grp.getValue().userName()).isEqualTo(USER);

        JsonNode d = r.data();
        assertThat(d.get("userName").asText()).isEqualTo(USER);
        assertThat(d.get("deleted").asBoolean()).isTrue();
        JsonNode cap = d.get("captured");
        assertThat(cap.at("/user/Arn").asText()).isEqualTo("arn:aws:iam::111122223333:user/" + USER);
        assertThat(cap.at("/loginProfile/CreateDate").asText()).isEqualTo("2026-11-20T12:00:00Z");
        assertThat(cap.get("accessKeys").findValuesAsText("AccessKeyId")).containsExactly(KEY1, KEY2);
        assertThat(cap.at("/signingCertificates/0/CertificateId").asText()).isEqualTo("CERT1");
        assertThat(cap.at("/sshPublicKeys/0/SSHPublicKeyId").asText()).isEqualTo("APKASSH1");
        assertThat(cap.at("/serviceSpecificCredentials/0/ServiceName").asText()).isEqualTo("codecommit.amazonaws.com");
        assertThat(cap.get("mfaDevices").findValuesAsText("SerialNumber")).containsExactly(VIRTUAL_MFA, HARDWARE_MFA);
        assertThat(cap.at("/inlinePolicies/0/policyName").asText()).isEqualTo("mine");
        // URL-decoded JSON, not the encoded string IAM sends
        assertThat(cap.at("/inlinePolicies/0/document/Statement/0/Action").asText()).isEqualTo("ec2:*");
        assertThat(cap.at("/inlinePolicies/0/document/Statement/0/Condition/StringLike/ec2:InstanceType").asText()).isEqualTo("p3.*");
        assertThat(cap.at("/attachedPolicies/0/PolicyArn").asText()).isEqualTo(ATTACHED);
        assertThat(cap.at("/groups/0/GroupName").asText()).isEqualTo("admins");
        assertThat(cap.at("/tags/0/Key").asText()).isEqualTo("owner");
        assertThat(d.get("removed").findValuesAsText("what")).containsExactly("loginProfile", "accessKey", "accessKey",
                "signingCertificate", "sshPublicKey", "serviceSpecificCredential", "mfaDevice", "virtualMfaDevice",
                "mfaDevice", "inlinePolicy", "attachedPolicy", "group");
        assertThat(d.get("removed").findValuesAsText("id")).containsExactly(USER, KEY1, KEY2, "CERT1", "APKASSH1",
                "ACCASSC1", VIRTUAL_MFA, VIRTUAL_MFA, HARDWARE_MFA, "mine", ATTACHED, "admins");
        assertThat(r.summary()).contains("deleted IAM user " + USER).contains("12 thing(s)");
        assertThat(r.tables().get(0).rows()).hasSize(13);
        assertThat(action.undo(Params.of("userName", USER), r)).isEmpty();
        assertThat(action.spec().iamActions()).containsAll(Invocations.actions("iam", c.iam));
    }

    @Test
    void deleteUser_bareUser_onlyDeletesTheUser_andNoPasswordIsFine() {
        bareUser();

        ActionResult r = action.execute(Params.of("userName", USER), CTX);

        assertThat(r.data().get("removed")).isEmpty();
        assertThat(r.data().at("/captured/loginProfile").isNull()).isTrue();
        verify(c.iam, never()).deleteLoginProfile(any(DeleteLoginProfileRequest.class));
        verify(c.iam).deleteUser(any(DeleteUserRequest.class));
        assertThat(Invocations.actions("iam", c.iam)).filteredOn(a -> !a.startsWith("iam:Get") && !a.startsWith("iam:List"))
                .containsExactly("iam:DeleteUser");
    }

    @Test
    void deleteUser_failureMidway_namesTheStep_whatWasRemoved_andWhatIsLeft() {
        fullUser();
        doThrow(awsError("ConcurrentModification", "Rate exceeded for certificates", 409, "req-cert"))
                .when(c.iam).deleteSigningCertificate(any(DeleteSigningCertificateRequest.class));

        assertThatThrownBy(() -> action.execute(Params.of("userName", USER), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.AWS);
                    assertThat(f.operation()).isEqualTo("DeleteSigningCertificate");
                    assertThat(f.errorCode()).isEqualTo("ConcurrentModification");
                    assertThat(f.requestId()).isEqualTo("req-cert");
                    assertThat(f.httpStatus()).isEqualTo(409);
                    assertThat(f.getMessage())
                            .startsWith("Rate exceeded for certificates. iam.deleteUser stopped at DeleteSigningCertificate"
                                    + " (signingCertificate CERT1).")
                            .contains("Already removed (3): loginProfile " + USER + ", accessKey " + KEY1 + ", accessKey " + KEY2 + ".")
                            .contains("Still left (10): signingCertificate CERT1, sshPublicKey APKASSH1,")
                            .contains("group admins, user " + USER + ".")
                            .contains("recorded calls")
                            .contains("run iam.deleteUser again");
                    assertThat(f.describe()).contains("iam:DeleteSigningCertificate in aws-global failed with ConcurrentModification")
                            .contains("[request id req-cert]");
                });
        verify(c.iam, never()).deleteSSHPublicKey(any(DeleteSshPublicKeyRequest.class));
        verify(c.iam, never()).deleteUser(any(DeleteUserRequest.class));
    }

    @Test
    void deleteUser_deleteConflictAtTheEnd_saysEverythingElseWasRemoved() {
        bareUser();
        doThrow(awsError("DeleteConflict", "Cannot delete entity, must remove tokens from principal first.", 409, "req-dc"))
                .when(c.iam).deleteUser(any(DeleteUserRequest.class));

        assertThatThrownBy(() -> action.execute(Params.of("userName", USER), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.errorCode()).isEqualTo("DeleteConflict");
                    assertThat(f.getMessage()).contains("stopped at DeleteUser (user " + USER + ")")
                            .contains("Already removed (0): nothing.").contains("Still left (1): user " + USER + ".")
                            .contains("AWS still sees something attached");
                });
    }

    @Test
    void deleteUser_captureDenied_changesNothing_andNamesThePermission() {
        fullUser();
        doThrow(awsError("AccessDenied", "not authorized to perform: iam:ListMFADevices", 403, "req-ad"))
                .when(c.iam).listMFADevices(any(ListMfaDevicesRequest.class));

        assertThatThrownBy(() -> action.execute(Params.of("userName", USER), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.ACCESS_DENIED);
                    assertThat(f.missingPermission()).isEqualTo("iam:ListMFADevices");
                    assertThat(f.requestId()).isEqualTo("req-ad");
                    assertThat(f.getMessage()).contains("stopped while capturing the configuration of " + USER
                            + " at ListMFADevices: nothing was removed");
                });
        assertThat(Invocations.actions("iam", c.iam)).allMatch(a -> a.startsWith("iam:Get") || a.startsWith("iam:List"));
    }

    @Test
    void deleteUser_unknownUser_failsAtGetUser_beforeAnything() {
        doThrow(awsError("NoSuchEntity", "The user with name ghost cannot be found.", 404, "req-nf"))
                .when(c.iam).getUser(any(GetUserRequest.class));

        assertThatThrownBy(() -> action.execute(Params.of("userName", "ghost"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.errorCode()).isEqualTo("NoSuchEntity");
                    assertThat(f.operation()).isEqualTo("GetUser");
                    assertThat(f.getMessage()).contains("cannot be found").contains("nothing was removed");
                });
        assertThat(Invocations.actions("iam", c.iam)).containsExactly("iam:GetUser");
    }

    @Test
    void deleteUser_plan_listsCaptureThenDeletions_withEachMarkers_andTarget() {
        Plan p = action.plan(Params.of("userName", USER), CTX);

        assertThat(p.target()).isEqualTo(USER);
        assertThat(p.calls()).extracting(PlannedCall::operation).containsExactly(
                "GetUser", "ListAccessKeys", "GetLoginProfile", "ListSigningCertificates", "ListSSHPublicKeys",
                "ListServiceSpecificCredentials", "ListMFADevices", "ListUserPolicies", "GetUserPolicy",
                "ListAttachedUserPolicies", "ListGroupsForUser", "ListUserTags",
                "DeleteLoginProfile", "DeleteAccessKey", "DeleteSigningCertificate", "DeleteSSHPublicKey",
                "DeleteServiceSpecificCredential", "DeactivateMFADevice", "DeleteVirtualMFADevice", "DeleteUserPolicy",
                "DetachUserPolicy", "RemoveUserFromGroup", "DeleteUser");
        assertThat(p.calls()).allMatch(call -> call.service().equals("iam") && call.region().equals("aws-global"));
        assertThat(p.calls().get(13).parameters().get("AccessKeyId").asText()).isEqualTo("(each)");
        assertThat(p.calls().get(13).parameters().get("UserName").asText()).isEqualTo(USER);
        assertThat(p.calls().get(22).parameters().get("UserName").asText()).isEqualTo(USER);
        assertThat(p.summary()).contains("capture").contains("for good");
        // every planned operation is a declared permission, and the other way round
        assertThat(action.spec().iamActions()).containsExactlyInAnyOrderElementsOf(
                p.calls().stream().map(call -> "iam:" + call.operation()).toList());
        assertThat(Invocations.actions("iam", c.iam)).isEmpty();
    }

    @Test
    void deleteUser_spec_isDestroyTypedByUserName_andCanLockOut() {
        assertThat(action.spec().name()).isEqualTo("iam.deleteUser");
        assertThat(action.spec().effect()).isEqualTo(Effect.DESTROY);
        assertThat(action.spec().targetParam()).isEqualTo("userName");
        assertThat(action.spec().canLockOut()).isTrue();
        assertThat(action.spec().undoAction()).isNull();
        assertThatThrownBy(() -> action.plan(Params.of("userName", "bad name!"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.kind()).isEqualTo(ActionFailure.Kind.INVALID_PARAM));
    }

    @Test
    void virtualMfa_isRecognisedByItsArn() {
        assertThat(DeleteUserAction.isVirtualMfa(VIRTUAL_MFA)).isTrue();
        assertThat(DeleteUserAction.isVirtualMfa(HARDWARE_MFA)).isFalse();
        assertThat(DeleteUserAction.isVirtualMfa("arn:aws:iam::111122223333:u2f/user/intruder/key-ABC")).isFalse();
        assertThat(DeleteUserAction.isVirtualMfa(null)).isFalse();
    }
}
