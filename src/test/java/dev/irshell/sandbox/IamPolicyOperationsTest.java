package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.UnmodifiableEntityException;

/** Managed policies, their versions and attachments, role inline policies and instance profiles. */
class IamPolicyOperationsTest {
    private static final String ROLE = "aws-ops-maintenance";
    private static final String POLICY = "arn:aws:iam::555566667777:policy/ops-maintenance";

    private static Sandbox start() {
        return Sandbox.start(Scenario.builtin("rogue-role-persistence"), TestClients.options());
    }

    private static IamClient iam(Sandbox s) {
        return TestClients.iam(s, TestClients.basic(s.operatorCredentials()));
    }

    @Test
    void listPolicies_localScopeFollowedByThePaginator() {
        try (Sandbox s = start(); IamClient iam = iam(s)) {
            assertThat(iam.listPoliciesPaginator(r -> r.scope(PolicyScopeType.LOCAL)).policies())
                    .extracting(Policy::arn).containsExactly("arn:aws:iam::555566667777:policy/billing-app-invoices",
                            POLICY);
            assertThat(iam.listPoliciesPaginator(r -> r.scope(PolicyScopeType.AWS).onlyAttached(true)).policies())
                    .extracting(Policy::policyName).contains("AdministratorAccess", "SecurityAudit")
                    .doesNotContain("AmazonS3FullAccess");
        }
    }

    @Test
    void getPolicyAndVersions_showTheAttackersSecondDefaultVersion() {
        try (Sandbox s = start(); IamClient iam = iam(s)) {
            Policy p = iam.getPolicy(r -> r.policyArn(POLICY)).policy();
            assertThat(p.policyId()).isEqualTo("ANPAQOPSMAINTENANCE01");
            assertThat(p.defaultVersionId()).isEqualTo("v2");
            assertThat(p.attachmentCount()).isEqualTo(1);

            assertThat(iam.listPolicyVersionsPaginator(r -> r.policyArn(POLICY)).versions())
                    .extracting(PolicyVersion::versionId, PolicyVersion::isDefaultVersion)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("v1", false),
                            org.assertj.core.groups.Tuple.tuple("v2", true));
            String doc = iam.getPolicyVersion(r -> r.policyArn(POLICY).versionId("v2")).policyVersion().document();
            assertThat(URLDecoder.decode(doc, StandardCharsets.UTF_8)).contains("\"sts:AssumeRole\"");
            assertThatThrownBy(() -> iam.deletePolicyVersion(r -> r.policyArn(POLICY).versionId("v2")))
                    .isInstanceOfSatisfying(DeleteConflictException.class, e -> assertThat(e.awsErrorDetails()
                            .errorMessage()).isEqualTo("Cannot delete the default version of a policy."));
        }
    }

    @Test
    void listEntitiesForPolicy_namesEveryHolder() {
        try (Sandbox s = start(); IamClient iam = iam(s)) {
            ListEntitiesForPolicyResponse admin = iam.listEntitiesForPolicy(
                    r -> r.policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
            assertThat(admin.isTruncated()).isTrue();
            var all = iam.listEntitiesForPolicyPaginator(r -> r.policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
            assertThat(all.policyUsers()).extracting(u -> u.userName()).containsExactly("responder", "ops-dana");
            assertThat(all.policyRoles()).extracting(r -> r.roleName()).containsExactly("IncidentResponseRole");
            assertThat(iam.listEntitiesForPolicy(r -> r.policyArn(POLICY)).policyRoles())
                    .singleElement().satisfies(r -> assertThat(r.roleId()).isEqualTo("AROAQROGUEMAINTROLE7"));
        }
    }

    @Test
    void roleInlinePoliciesAndInstanceProfiles_listedAndRemoved() {
        try (Sandbox s = start(); IamClient iam = iam(s)) {
            assertThat(iam.listInstanceProfilesForRolePaginator(r -> r.roleName(ROLE)).instanceProfiles())
                    .singleElement().satisfies((InstanceProfile p) -> {
                        assertThat(p.instanceProfileId()).isEqualTo("AIPAQROGUEPROFILE0001");
                        assertThat(p.roles()).extracting(x -> x.roleName()).containsExactly(ROLE);
                    });
            iam.putRolePolicy(r -> r.roleName(ROLE).policyName("AWSRevokeOlderSessions")
                    .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\","
                            + "\"Resource\":\"*\"}}"));
            assertThat(iam.listRolePolicies(r -> r.roleName(ROLE)).policyNames()).containsExactly("AWSRevokeOlderSessions");
            assertThat(iam.getRolePolicy(r -> r.roleName(ROLE).policyName("AWSRevokeOlderSessions")).policyDocument())
                    .contains("%22Deny%22");
            iam.detachRolePolicy(r -> r.roleName(ROLE).policyArn(POLICY));
            iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName(ROLE).roleName(ROLE));
            assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName(ROLE))).isInstanceOf(DeleteConflictException.class)
                    .hasMessageContaining("must delete policies first");
            iam.deleteRolePolicy(r -> r.roleName(ROLE).policyName("AWSRevokeOlderSessions"));

            iam.deleteRole(r -> r.roleName(ROLE));

            assertThat(s.state().instanceProfile(ROLE).orElseThrow().roleNames()).isEmpty();
        }
    }

    @Test
    void putRolePolicy_refusedOnServiceLinkedRoles() {
        Scenario scenario = Scenario.parse("slr.yaml", """
                name: slr
                account: {id: "123456789012"}
                operator: admin
                users:
                  - name: admin
                    id: AIDAQADMIN0000000001
                    created: -10d
                    accessKeys: [{id: AKIAQADMINKEY2222222, secret: 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, created: -10d}]
                roles:
                  - {name: AWSServiceRoleForSupport, id: AROAQSUPPORTSLR00001, path: /aws-service-role/support.amazonaws.com/, created: -10d}
                """);
        try (Sandbox s = Sandbox.start(scenario, TestClients.options()); IamClient iam = iam(s)) {
            assertThatThrownBy(() -> iam.putRolePolicy(r -> r.roleName("AWSServiceRoleForSupport")
                    .policyName("AWSRevokeOlderSessions").policyDocument("{\"Statement\":[]}")))
                    .isInstanceOf(UnmodifiableEntityException.class);
        }
    }
}
