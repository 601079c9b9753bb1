package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Objective values are checked when a scenario loads, each problem at its line and column. */
class ScenarioLoaderTest {
    private static final String HEAD = """
            name: objectives
            account: {id: "123456789012"}
            operator: admin
            users:
              - name: admin
                id: AIDAQADMIN0000000001
                created: -10d
                accessKeys: [{id: AKIAQADMINKEY2222222, secret: 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, created: -10d}]
            objectives:
            """;

    @Test
    void parse_acceptsEveryObjectiveKindInItsShape() {
        Scenario s = Scenario.parse("ok.yaml", HEAD + """
                  - keyInactive: AKIAQADMINKEY2222222
                  - keyDeleted: AKIAQADMINKEY2222222
                  - keyStillActive: AKIAQADMINKEY2222222
                  - userDeleted: admin
                  - userKept: admin
                  - loginProfileDeleted: admin
                  - policyDetached: arn:aws:iam::aws:policy/AdministratorAccess
                  - policyDetached: {policyArn: "arn:aws:iam::123456789012:policy/p", role: r}
                  - instanceTerminated: i-0123456789abcdef0
                  - instanceRunning: i-0123abcd
                  - snapshotBefore: i-0123456789abcdef0
                  - snapshotBefore: [i-0123456789abcdef0, i-0123abcd]
                  - roleDeleted: rogue
                  - sessionsRevoked: rogue
                  - functionDeleted: arn:aws:lambda:ap-south-1:123456789012:function:miner
                  - functionKept: arn:aws:lambda:us-east-1:123456789012:function:app
                  - alternateContactRestored: {type: SECURITY, emailAddress: security@example.com}
                  - nothingLegitimateDestroyed: true
                """);

        assertThat(s.objectives()).extracting(Scenario.Objective::kind).containsAll(Scenario.Objective.KINDS);
    }

    @Test
    void parse_malformedObjectiveValuesListedWithTheirPlaces() {
        assertThatThrownBy(() -> Scenario.parse("bad.yaml", HEAD + """
                  - keyDeleted: not-a-key
                  - instanceRunning: [i-0123abcd]
                  - snapshotBefore: []
                  - policyDetached: {policyArn: "arn:aws:iam::aws:policy/AdministratorAccess", user: a, role: b}
                  - nothingLegitimateDestroyed: false
                  - roleDeleted: {name: x}
                """)).isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.problems()).hasSize(6);
                    assertThat(e.getMessage())
                            .contains("bad.yaml:10:17: at /objectives/0/keyDeleted: expected an access key id "
                                    + "(AKIA + 16 of A-Z, 2-7), got 'not-a-key'")
                            .contains("at /objectives/1/instanceRunning: expected an instance id like "
                                    + "i-0123456789abcdef0, got a list")
                            .contains("at /objectives/2/snapshotBefore: expected an instance id or a list of "
                                    + "instance ids, got a list")
                            .contains("at /objectives/3/policyDetached: expected a policy ARN")
                            .contains("at /objectives/4/nothingLegitimateDestroyed: expected 'true', got 'false'")
                            .contains("at /objectives/5/roleDeleted: expected an IAM role name, got a mapping");
                });
    }

    @Test
    void parse_newResourceFieldsCheckedAtTheirPlaces() {
        assertThatThrownBy(() -> Scenario.parse("bad.yaml", """
                name: resources
                account: {id: "123456789012"}
                operator: admin
                policies: [{name: p, document: "not json"}]
                users:
                  - name: admin
                    id: AIDAQADMIN0000000001
                    created: -10d
                    sshPublicKeys: [{id: nope, created: -1d}]
                    accessKeys: [{id: AKIAQADMINKEY2222222, secret: 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, created: -10d}]
                instances:
                  - {id: i-0123456789abcdef0, region: eu-west-1, imageId: ami-1, instanceType: c5.large, launched: -1d, volumes: [{id: volume-1}]}
                """)).isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.getMessage())
                .contains("bad.yaml:4:32: at /policies/0/document: expected a policy document")
                .contains("at /users/0/sshPublicKeys/0/id: expected an SSH public key id like APKA")
                .contains("at /instances/0/volumes/0/id: expected a volume id like vol-0123456789abcdef0"));
    }

    @Test
    void parse_userInAnUndefinedGroupRefusedAtTheUser() {
        assertThatThrownBy(() -> Scenario.parse("bad.yaml", """
                name: groups
                account: {id: "123456789012"}
                operator: admin
                users:
                  - name: admin
                    id: AIDAQADMIN0000000001
                    created: -10d
                    groups: [admins]
                    accessKeys: [{id: AKIAQADMINKEY2222222, secret: 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, created: -10d}]
                """)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("bad.yaml:5:5: user 'admin' is in group 'admins', which is not defined under "
                        + "'groups:'");
    }

    @Test
    void parse_accountAliasFollowsIamsRule() {
        String body = HEAD.replace("objectives:\n", "");
        assertThat(Scenario.parse("ok.yaml", body.replace("{id: \"123456789012\"}", "{id: \"123456789012\", alias: my-shop-2}"))
                .accountInfo().alias()).isEqualTo("my-shop-2");
        assertThat(Scenario.parse("ok.yaml", body).accountInfo().alias()).isNull();
        assertThatThrownBy(() -> Scenario.parse("bad.yaml", body.replace("{id: \"123456789012\"}",
                "{id: \"123456789012\", alias: My--Shop}")))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("at /account/alias: expected an account alias (3 to 63 lowercase letters, digits and "
                        + "single hyphens, as IAM allows), got 'My--Shop'");
    }
}
