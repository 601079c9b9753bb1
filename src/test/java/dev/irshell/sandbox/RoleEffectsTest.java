package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Timeline effects on roles, policies and role sessions, and the mistakes a scenario author can make with them. */
class RoleEffectsTest {
    private static final String HEAD = """
            name: roles
            account: {id: "123456789012"}
            operator: admin
            users:
              - name: admin
                id: AIDAQADMIN0000000001
                created: -10d
                accessKeys: [{id: AKIAQADMINKEY2222222, secret: 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, created: -10d}]
            actors:
              bad: {accessKeyId: AKIAQADMINKEY2222222, sourceIp: 203.0.113.9, userAgent: boto3}
              role-session: {accessKeyId: ASIAQSESSIONAAAAAAAA, sourceIp: 203.0.113.9, userAgent: boto3}
            timeline:
              - at: -2d
                actor: bad
                event: CreatePolicy
                with: {policyName: all, policyId: ANPAQALL00000000001}
              - at: -2d
                actor: bad
                event: CreateRole
                with: {roleName: door, roleId: AROAQDOOR00000000001, trustedPrincipals: [%s], maxSessionDuration: 7200}
              - at: -2d
                actor: bad
                event: AttachRolePolicy
                with: {roleName: door, policyArn: "arn:aws:iam::123456789012:policy/all"}
            """;

    private static String assume(String at) {
        return """
                  - at: %s
                    actor: bad
                    event: AssumeRole
                    with: {roleName: door, roleSessionName: s1, durationSeconds: 3600, accessKeyId: ASIAQSESSIONAAAAAAAA,
                           secretAccessKey: zyN9zHYIa4UOrGNATMuDJawTgsu8PO/799nKSNrh}
                """.formatted(at);
    }

    private static String use(String at) {
        return """
                  - at: %s
                    actor: role-session
                    event: ListUsers
                """.formatted(at);
    }

    @Test
    void timeline_roleSessionActsAsTheAssumedRole() {
        Scenario s = Scenario.parse("ok.yaml", HEAD.formatted("\"arn:aws:iam::123456789012:root\"")
                + assume("-1d") + use("-1d"));
        try (Sandbox sandbox = Sandbox.start(s, TestClients.options())) {
            IamRole role = sandbox.state().role("door").orElseThrow();
            assertThat(role.attachedPolicyArns()).containsExactly("arn:aws:iam::123456789012:policy/all");
            assertThat(role.maxSessionDurationSeconds()).isEqualTo(7200);
            TrailEvent used = sandbox.state().events().get(sandbox.state().events().size() - 1);
            assertThat(used.accessKeyId()).isEqualTo("ASIAQSESSIONAAAAAAAA");
            assertThat(used.username()).isEqualTo("s1");
            assertThat(used.record().path("userIdentity").path("sessionContext").path("sessionIssuer")
                    .path("userName").asText()).isEqualTo("door");
        }
    }

    @Test
    void timeline_sessionUsedBeforeAssumeRoleFailsAtTheEvent() {
        assertThatThrownBy(() -> Scenario.parse("early.yaml", HEAD.formatted("\"arn:aws:iam::123456789012:root\"")
                + use("-1d1h") + assume("-1d"))).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("early.yaml:")
                .hasMessageContaining("uses temporary key ASIAQSESSIONAAAAAAAA, which no AssumeRole has issued");
    }

    @Test
    void timeline_sessionUsedAfterItExpiredFails() {
        assertThatThrownBy(() -> Scenario.parse("late.yaml", HEAD.formatted("\"arn:aws:iam::123456789012:root\"")
                + assume("-1d") + use("-22h"))).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("which expired at");
    }

    @Test
    void timeline_assumeRoleByAnUntrustedCallerFails() {
        assertThatThrownBy(() -> Scenario.parse("untrusted.yaml", HEAD.formatted("\"arn:aws:iam::999988887777:root\"")
                + assume("-1d"))).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("AssumeRole: role 'door' does not trust arn:aws:iam::123456789012:user/admin");
    }
}
