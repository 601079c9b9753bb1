package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.GetUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;

/** The user's attachments and AWS's documented deletion order, through the real IAM client. */
class IamUserCredentialOperationsTest {
    private static final String USER = "mallory";
    private static final String MFA = "arn:aws:iam::123456789012:mfa/mallory";

    private static final String SCENARIO = """
            name: everything-on-a-user
            account: {id: "123456789012"}
            operator: admin
            policies: [shared-s3]
            groups:
              - {name: devs, id: AGPAQDEVS00000000001, created: -20d, attachedPolicies: ["arn:aws:iam::123456789012:policy/shared-s3"]}
              - {name: ops, id: AGPAQOPS000000000002, created: -20d}
              - {name: qa, id: AGPAQQA0000000000003, created: -20d}
            users:
              - name: admin
                id: AIDAQADMIN0000000001
                created: -10d
                attachedPolicies: [arn:aws:iam::aws:policy/AdministratorAccess]
                accessKeys: [{id: AKIAQADMINKEY2222222, secret: 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, created: -10d}]
              - name: mallory
                id: AIDAQMALLORY00000002
                created: -5d
                loginProfile: {created: -5d}
                attachedPolicies: [arn:aws:iam::aws:policy/ReadOnlyAccess]
                inlinePolicies:
                  - name: mallory-extra
                    document: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:*", Resource: "*"}]}
                groups: [devs, ops, qa]
                mfaDevices: ["arn:aws:iam::123456789012:mfa/mallory"]
                tags: {team: red, owner: nobody}
                accessKeys: [{id: AKIAQMALLORYKEY33333, secret: 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, created: -5d}]
                signingCertificates: [{id: MALLORYCERT0000000000000001, created: -5d}]
                sshPublicKeys: [{id: APKAQMALLORYSSH00001, created: -5d}]
                serviceSpecificCredentials: [{id: ACCAQMALLORYGIT00001, serviceName: codecommit.amazonaws.com, created: -5d}]
            """;

    private static Sandbox start() {
        return Sandbox.start(Scenario.parse("user.yaml", SCENARIO), TestClients.options());
    }

    private static IamClient iam(Sandbox s) {
        return TestClients.iam(s, TestClients.basic(s.operatorCredentials()));
    }

    private static void conflict(IamClient iam, String why) {
        assertThatThrownBy(() -> iam.deleteUser(r -> r.userName(USER)))
                .isInstanceOfSatisfying(DeleteConflictException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete entity, " + why + ".");
                });
    }

    @Test
    void deleteUser_conflictsUntilEveryBlockerIsRemovedInAwsOrder_thenSucceeds() {
        try (Sandbox s = start(); IamClient iam = iam(s)) {
            conflict(iam, "must delete login profile first");
            iam.deleteLoginProfile(r -> r.userName(USER));
            conflict(iam, "must delete access keys first");
            iam.deleteAccessKey(r -> r.userName(USER).accessKeyId("AKIAQMALLORYKEY33333"));
            conflict(iam, "must delete signing certificates first");
            assertThat(iam.listSigningCertificates(r -> r.userName(USER)).certificates()).singleElement()
                    .satisfies(c -> assertThat(c.statusAsString()).isEqualTo("Active"));
            iam.deleteSigningCertificate(r -> r.userName(USER).certificateId("MALLORYCERT0000000000000001"));
            conflict(iam, "must delete SSH public keys first");
            assertThat(iam.listSSHPublicKeys(r -> r.userName(USER)).sshPublicKeys()).singleElement()
                    .satisfies(k -> assertThat(k.sshPublicKeyId()).isEqualTo("APKAQMALLORYSSH00001"));
            iam.deleteSSHPublicKey(r -> r.userName(USER).sshPublicKeyId("APKAQMALLORYSSH00001"));
            conflict(iam, "must delete service specific credentials first");
            assertThat(iam.listServiceSpecificCredentials(r -> r.userName(USER)).serviceSpecificCredentials())
                    .singleElement().satisfies(c -> {
                        assertThat(c.serviceName()).isEqualTo("codecommit.amazonaws.com");
                        assertThat(c.serviceUserName()).isEqualTo("mallory-at-123456789012");
                    });
            iam.deleteServiceSpecificCredential(r -> r.userName(USER).serviceSpecificCredentialId("ACCAQMALLORYGIT00001"));
            conflict(iam, "must delete MFA device first");
            assertThatThrownBy(() -> iam.deleteVirtualMFADevice(r -> r.serialNumber(MFA)))
                    .isInstanceOf(DeleteConflictException.class);
            iam.deactivateMFADevice(r -> r.userName(USER).serialNumber(MFA));
            iam.deleteVirtualMFADevice(r -> r.serialNumber(MFA));
            conflict(iam, "must delete policies first");
            iam.deleteUserPolicy(r -> r.userName(USER).policyName("mallory-extra"));
            conflict(iam, "must detach all policies first");
            iam.detachUserPolicy(r -> r.userName(USER).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
            conflict(iam, "must remove users from group first");
            for (String g : new String[] {"devs", "ops", "qa"}) {
                iam.removeUserFromGroup(r -> r.groupName(g).userName(USER));
            }

            iam.deleteUser(r -> r.userName(USER));

            assertThat(s.state().user(USER)).isEmpty();
            assertThat(s.state().mfaDevice(MFA)).isEmpty();
        }
    }

    @Test
    void listGroupsForUser_pagesFollowedByThePaginator() {
        try (Sandbox s = start(); IamClient iam = iam(s)) {
            assertThat(iam.listGroupsForUser(r -> r.userName(USER)).isTruncated()).isTrue();
            assertThat(iam.listGroupsForUserPaginator(r -> r.userName(USER)).groups()).extracting(Group::groupName)
                    .containsExactly("devs", "ops", "qa");
            assertThat(iam.listGroupsPaginator().groups()).extracting(Group::arn)
                    .contains("arn:aws:iam::123456789012:group/devs");
        }
    }

    @Test
    void inlineUserPolicy_putGetDelete_documentUrlEncoded() {
        try (Sandbox s = start(); IamClient iam = iam(s)) {
            String doc = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\","
                    + "\"Resource\":\"*\",\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"2026-03-10T12:00:00Z\"}}}}";
            iam.putUserPolicy(r -> r.userName(USER).policyName("AWSRevokeOlderSessions").policyDocument(doc));

            GetUserPolicyResponse got = iam.getUserPolicy(r -> r.userName(USER).policyName("AWSRevokeOlderSessions"));

            assertThat(got.policyDocument()).startsWith("%7B%22Version%22");
            assertThat(URLDecoder.decode(got.policyDocument(), StandardCharsets.UTF_8)).isEqualTo(doc);
            assertThat(iam.listUserPoliciesPaginator(r -> r.userName(USER)).policyNames())
                    .containsExactly("mallory-extra", "AWSRevokeOlderSessions");
            assertThatThrownBy(() -> iam.putUserPolicy(r -> r.userName(USER).policyName("x").policyDocument("nope")))
                    .isInstanceOf(MalformedPolicyDocumentException.class);
            iam.deleteUserPolicy(r -> r.userName(USER).policyName("AWSRevokeOlderSessions"));
            assertThatThrownBy(() -> iam.getUserPolicy(r -> r.userName(USER).policyName("AWSRevokeOlderSessions")))
                    .isInstanceOf(NoSuchEntityException.class).hasMessageContaining("user policy");
        }
    }

    @Test
    void updateLoginProfile_requiresAResetAndAnswersNoSuchEntityWithoutPassword() {
        try (Sandbox s = start(); IamClient iam = iam(s)) {
            iam.updateLoginProfile(r -> r.userName(USER).password("N3w-Str0ng-Passw0rd!").passwordResetRequired(true));

            assertThat(iam.getLoginProfile(r -> r.userName(USER)).loginProfile().passwordResetRequired()).isTrue();
            assertThatThrownBy(() -> iam.updateLoginProfile(r -> r.userName("admin").passwordResetRequired(true)))
                    .isInstanceOf(NoSuchEntityException.class);
            assertThat(s.state().events().get(s.state().events().size() - 2).record().toString())
                    .doesNotContain("N3w-Str0ng");
        }
    }

    @Test
    void listUserTagsAndMfaDevices_showTheUsersSettings() {
        try (Sandbox s = start(); IamClient iam = iam(s)) {
            assertThat(iam.listUserTagsPaginator(r -> r.userName(USER)).tags()).extracting(Tag::key)
                    .containsExactly("owner", "team");
            assertThat(iam.listMFADevices(r -> r.userName(USER)).mfaDevices()).singleElement()
                    .satisfies(d -> assertThat(d.serialNumber()).isEqualTo(MFA));
            iam.detachGroupPolicy(r -> r.groupName("devs").policyArn("arn:aws:iam::123456789012:policy/shared-s3"));
            assertThat(s.state().group("devs").orElseThrow().attachedPolicyArns()).isEmpty();
        }
    }
}
