package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/** Role and policy operations through the real IAM client against the rogue-role scenario. */
class IamRoleOperationsTest {
    private static final String ROLE = "aws-ops-maintenance";
    private static final String POLICY = "arn:aws:iam::555566667777:policy/ops-maintenance";

    private static Sandbox start() {
        return Sandbox.start(Scenario.builtin("rogue-role-persistence"), TestClients.options());
    }

    private static IamClient iam(Sandbox s) {
        return TestClients.iam(s, TestClients.basic(s.operatorCredentials()));
    }

    @Test
    void listRoles_pagesThroughEveryRole() {
        try (Sandbox s = start(); IamClient iam = iam(s)) {
            assertThat(iam.listRolesPaginator().roles()).extracting(Role::roleName)
                    .containsExactly("IncidentResponseRole", "SecurityAuditRole", ROLE);
        }
    }

    @Test
    void getRole_showsTheTrustPolicyAndCreation() {
        try (Sandbox s = start(); IamClient iam = iam(s)) {
            Role role = iam.getRole(r -> r.roleName(ROLE)).role();

            assertThat(role.roleId()).isEqualTo("AROAQROGUEMAINTROLE7");
            assertThat(role.maxSessionDuration()).isEqualTo(43200);
            assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                    .contains("\"arn:aws:iam::999988887777:root\"").contains("sts:AssumeRole");
            assertThat(role.createDate()).isEqualTo(s.startTime().minusSeconds(2 * 86400 + 5 * 3600 + 54 * 60));
            assertThatThrownBy(() -> iam.getRole(r -> r.roleName("nope"))).isInstanceOf(NoSuchEntityException.class);
        }
    }

    @Test
    void deleteRole_conflictsWhilePoliciesAreAttachedThenSucceeds() {
        try (Sandbox s = start(); IamClient iam = iam(s)) {
            assertThat(iam.listAttachedRolePolicies(r -> r.roleName(ROLE)).attachedPolicies())
                    .singleElement().satisfies(p -> assertThat(p.policyArn()).isEqualTo(POLICY));
            assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName(ROLE))).isInstanceOf(DeleteConflictException.class);

            iam.detachRolePolicy(r -> r.roleName(ROLE).policyArn(POLICY));
            assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName(ROLE))).isInstanceOf(DeleteConflictException.class)
                    .hasMessageContaining("must remove roles from instance profile first");
            iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName(ROLE).roleName(ROLE));
            iam.deleteRole(r -> r.roleName(ROLE));

            assertThat(s.state().role(ROLE)).isEmpty();
            TrailEvent last = s.state().events().get(s.state().events().size() - 1);
            assertThat(last.eventName()).isEqualTo("DeleteRole");
            assertThat(last.resources()).containsExactly(new TrailEvent.Resource("AWS::IAM::Role", ROLE));
        }
    }

    @Test
    void deletePolicy_refusedWhileAttachedOrAwsManaged() {
        try (Sandbox s = start(); IamClient iam = iam(s)) {
            assertThatThrownBy(() -> iam.deletePolicy(r -> r.policyArn(POLICY)))
                    .isInstanceOf(DeleteConflictException.class);
            assertThatThrownBy(() -> iam.deletePolicy(r -> r.policyArn("arn:aws:iam::aws:policy/SecurityAudit")))
                    .isInstanceOfSatisfying(IamException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));

            iam.detachRolePolicy(r -> r.roleName(ROLE).policyArn(POLICY));
            assertThatThrownBy(() -> iam.deletePolicy(r -> r.policyArn(POLICY)))
                    .isInstanceOf(DeleteConflictException.class).hasMessageContaining("more than one version");
            iam.deletePolicyVersion(r -> r.policyArn(POLICY).versionId("v1"));
            iam.deletePolicy(r -> r.policyArn(POLICY));

            assertThat(s.state().customerPolicyArns()).doesNotContain(POLICY);
        }
    }
}
