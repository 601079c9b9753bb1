package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.StatusType;

/** Grades driven by real SDK calls made as the operator against a started sandbox. */
class GraderTest {
    private static final String LEAKED = TestClients.LEAKED_KEY;
    private static final String APP = TestClients.APP_KEY;
    private static final String ATTACKER = TestClients.ATTACKER_KEY;
    private static final String MINER = TestClients.MINER_SA_EAST_1;
    private static final String SHOP_1 = "i-0a4c123b1612dd272";
    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

    private static final String ROGUE_LEAKED = "AKIAQBUILDBOTLEAKED3";
    private static final String ROGUE_APP = "AKIAQBILLINGAPPPROD2";
    private static final String ROGUE_ROLE = "aws-ops-maintenance";
    private static final String ROGUE_POLICY = "arn:aws:iam::555566667777:policy/ops-maintenance";

    private static Sandbox start(String scenario) {
        return Sandbox.start(Scenario.builtin(scenario), TestClients.options());
    }

    private static IamClient iam(Sandbox s) {
        return TestClients.iam(s, TestClients.basic(s.operatorCredentials()));
    }

    private static Ec2Client ec2(Sandbox s, String region) {
        return TestClients.ec2(s, TestClients.basic(s.operatorCredentials()), region);
    }

    private static Grade.Check check(Grade grade, String objective, String subject) {
        return grade.checks().stream().filter(c -> c.objective().equals(objective) && c.subject().equals(subject))
                .findFirst().orElseThrow(() -> new AssertionError("no check " + objective + " " + subject + " in\n"
                        + grade.render()));
    }

    private static Grade.Check nothingDestroyed(Grade grade) {
        return check(grade, "nothingLegitimateDestroyed", "account");
    }

    private static void deactivate(IamClient iam, String user, String key) {
        iam.updateAccessKey(r -> r.userName(user).accessKeyId(key).status(StatusType.INACTIVE));
    }

    private static void deleteKey(IamClient iam, String user, String key) {
        iam.deleteAccessKey(r -> r.userName(user).accessKeyId(key));
    }

    // ------------------------------------------------------------------ untouched sandboxes

    @Test
    void grade_untouchedLeakedKeyScenarioScoresLow() {
        try (Sandbox s = start("leaked-key-cryptomining")) {
            Grade grade = Grader.grade(s);

            assertThat(grade.scenario()).isEqualTo("leaked-key-cryptomining");
            assertThat(grade.total()).isEqualTo(14);
            assertThat(grade.checks()).filteredOn(Grade.Check::met).extracting(Grade.Check::objective)
                    .containsExactlyInAnyOrder("keyStillActive", "instanceRunning", "instanceRunning",
                            "nothingLegitimateDestroyed");
            assertThat(grade.percent()).isEqualTo(28);
            assertThat(check(grade, "keyInactive", LEAKED).feedback()).isEqualTo("AKIAQDEVJENKINS4LEAK (user "
                    + "dev-jenkins) is still Active; you did not change it: deactivate the leaked key first "
                    + "(iam.deactivateAccessKey), delete it once the application is confirmed to work "
                    + "(iam.deleteAccessKey).");
        }
    }

    @Test
    void grade_untouchedQuietAccountScoresFullMarks() {
        try (Sandbox s = start("quiet-account")) {
            Grade grade = Grader.grade(s);

            assertThat(grade.met()).isEqualTo(grade.total()).isEqualTo(13);
            assertThat(grade.percent()).isEqualTo(100);
            assertThat(nothingDestroyed(grade).feedback()).contains("Nothing the company owns was deleted");
        }
    }

    @Test
    void grade_untouchedRogueRoleScenarioScoresLow() {
        try (Sandbox s = start("rogue-role-persistence")) {
            Grade grade = Grader.grade(s);

            assertThat(grade.total()).isEqualTo(9);
            assertThat(grade.checks()).filteredOn(Grade.Check::met).extracting(Grade.Check::objective)
                    .containsExactlyInAnyOrder("keyStillActive", "userKept", "instanceRunning",
                            "nothingLegitimateDestroyed");
            assertThat(check(grade, "sessionsRevoked", ROGUE_ROLE).feedback())
                    .contains("live: ASIAQROGUESESSIONTWO").contains("iam.revokeRoleSessions");
            assertThat(check(grade, "roleDeleted", ROGUE_ROLE).feedback())
                    .contains("trusting arn:aws:iam::999988887777:root")
                    .contains("live sessions: ASIAQROGUESESSIONTWO until")
                    .doesNotContain("ASIAQROGUESESSIONONE")
                    .contains("DeleteRole");
            assertThat(check(grade, "policyDetached", "ops-maintenance on role " + ROGUE_ROLE).met()).isFalse();
        }
    }

    // ------------------------------------------------------------------ keys

    @Test
    void keyObjectives_metWhenLeakedKeyDeactivatedThenDeleted() {
        try (Sandbox s = start("leaked-key-cryptomining"); IamClient iam = iam(s)) {
            deactivate(iam, "dev-jenkins", LEAKED);
            deleteKey(iam, "dev-jenkins", LEAKED);

            Grade grade = Grader.grade(s);

            assertThat(check(grade, "keyInactive", LEAKED).met()).isTrue();
            assertThat(check(grade, "keyInactive", LEAKED).feedback()).contains("was deleted (you did it at +");
            Grade.Check deleted = check(grade, "keyDeleted", LEAKED);
            assertThat(deleted.met()).isTrue();
            assertThat(deleted.feedback()).startsWith("You deactivated AKIAQDEVJENKINS4LEAK at +")
                    .contains("and then deleted it at +").doesNotContain("Warning");
            assertThat(nothingDestroyed(grade).met()).isTrue();
        }
    }

    @Test
    void keyInactive_metWhenOnlyDeactivated_keyDeletedMissed() {
        try (Sandbox s = start("leaked-key-cryptomining"); IamClient iam = iam(s)) {
            deactivate(iam, "dev-jenkins", LEAKED);

            Grade grade = Grader.grade(s);

            assertThat(check(grade, "keyInactive", LEAKED).met()).isTrue();
            assertThat(check(grade, "keyInactive", LEAKED).feedback()).startsWith("You deactivated " + LEAKED);
            Grade.Check deleted = check(grade, "keyDeleted", LEAKED);
            assertThat(deleted.met()).isFalse();
            assertThat(deleted.feedback()).contains("is Inactive but not deleted; you deactivated key " + LEAKED)
                    .contains("delete it (iam.deleteAccessKey)");
        }
    }

    @Test
    void keyDeleted_activeLegitimateUsersKeyDeletedDirectly_metWithWarning() {
        try (Sandbox s = start("leaked-key-cryptomining"); IamClient iam = iam(s)) {
            deleteKey(iam, "dev-jenkins", LEAKED);

            Grade.Check deleted = check(Grader.grade(s), "keyDeleted", LEAKED);

            assertThat(deleted.met()).isTrue();
            assertThat(deleted.feedback()).startsWith("Warning: you deleted " + LEAKED + " (user dev-jenkins) at +")
                    .contains("while it was still Active").contains("deactivate it first");
        }
    }

    @Test
    void keyDeleted_attackerCreatedKeyDeletedDirectly_metWithoutWarning() {
        try (Sandbox s = start("leaked-key-cryptomining"); IamClient iam = iam(s)) {
            deleteKey(iam, "support-backup", ATTACKER);

            Grade.Check deleted = check(Grader.grade(s), "keyDeleted", ATTACKER);

            assertThat(deleted.met()).isTrue();
            assertThat(deleted.feedback()).contains("created by the attacker").doesNotContain("Warning");
        }
    }

    @Test
    void keyDeleted_missedWhileStillActive() {
        try (Sandbox s = start("leaked-key-cryptomining")) {
            Grade.Check deleted = check(Grader.grade(s), "keyDeleted", ATTACKER);

            assertThat(deleted.met()).isFalse();
            assertThat(deleted.feedback()).startsWith(ATTACKER + " (user support-backup) still exists and is Active");
        }
    }

    @Test
    void keyStillActive_missedAndNamedWhenAppKeyDeactivated() {
        try (Sandbox s = start("leaked-key-cryptomining"); IamClient iam = iam(s)) {
            deactivate(iam, "app-backend", APP);

            Grade grade = Grader.grade(s);

            Grade.Check app = check(grade, "keyStillActive", APP);
            assertThat(app.met()).isFalse();
            assertThat(app.feedback()).contains("is Inactive; you deactivated key " + APP)
                    .contains("reactivate it now (iam.reactivateAccessKey)");
            assertThat(nothingDestroyed(grade).met()).isFalse();
            assertThat(nothingDestroyed(grade).feedback()).contains("deactivated key " + APP + " (user app-backend)");
        }
    }

    @Test
    void keyStillActive_metButNotedWhenAppKeyDeactivatedAndReactivated() {
        try (Sandbox s = start("leaked-key-cryptomining"); IamClient iam = iam(s)) {
            deactivate(iam, "app-backend", APP);
            iam.updateAccessKey(r -> r.userName("app-backend").accessKeyId(APP).status(StatusType.ACTIVE));

            Grade grade = Grader.grade(s);

            assertThat(check(grade, "keyStillActive", APP).met()).isTrue();
            assertThat(check(grade, "keyStillActive", APP).feedback()).contains("it was down in between");
            assertThat(nothingDestroyed(grade).met()).isFalse();
            assertThat(nothingDestroyed(grade).feedback()).contains("reactivated later");
        }
    }

    @Test
    void nothingLegitimateDestroyed_missedNamingTheDeletedLegitimateKey() {
        try (Sandbox s = start("leaked-key-cryptomining"); IamClient iam = iam(s)) {
            deleteKey(iam, "app-backend", APP);

            Grade grade = Grader.grade(s);

            Grade.Check destroyed = nothingDestroyed(grade);
            assertThat(destroyed.met()).isFalse();
            assertThat(destroyed.feedback()).startsWith("You destroyed 1 legitimate resource: deleted key " + APP
                    + " (user app-backend) at +");
            assertThat(check(grade, "keyStillActive", APP).feedback()).contains("was deleted")
                    .contains("cannot be restored");
        }
    }

    @Test
    void nothingLegitimateDestroyed_callsWithScenarioActorsKeysAreNotTheTrainees() {
        try (Sandbox s = start("leaked-key-cryptomining");
             IamClient attacker = TestClients.iam(s, TestClients.basic(new Credentials(LEAKED,
                     TestClients.LEAKED_SECRET)))) {
            attacker.updateAccessKey(r -> r.userName("app-backend").accessKeyId(APP).status(StatusType.INACTIVE));

            Grade grade = Grader.grade(s);

            assertThat(check(grade, "keyStillActive", APP).met()).isFalse();
            assertThat(check(grade, "keyStillActive", APP).feedback()).contains("you did not change it");
            assertThat(nothingDestroyed(grade).met()).isTrue();
        }
    }

    // ------------------------------------------------------------------ users

    @Test
    void userObjectives_metWhenAttackerUserFullyRemoved() {
        try (Sandbox s = start("leaked-key-cryptomining"); IamClient iam = iam(s)) {
            iam.deleteLoginProfile(r -> r.userName("support-backup"));
            iam.detachUserPolicy(r -> r.userName("support-backup").policyArn(ADMIN));
            deactivate(iam, "support-backup", ATTACKER);
            deleteKey(iam, "support-backup", ATTACKER);
            iam.deleteUser(r -> r.userName("support-backup"));

            Grade grade = Grader.grade(s);

            assertThat(check(grade, "userDeleted", "support-backup").met()).isTrue();
            assertThat(check(grade, "loginProfileDeleted", "support-backup").met()).isTrue();
            assertThat(check(grade, "keyDeleted", ATTACKER).met()).isTrue();
            assertThat(nothingDestroyed(grade).met()).isTrue();
        }
    }

    @Test
    void userDeleted_missedListsWhatRemainsAndTheFailedAttempt() {
        try (Sandbox s = start("leaked-key-cryptomining"); IamClient iam = iam(s)) {
            assertThatThrownBy(() -> iam.deleteUser(r -> r.userName("support-backup")))
                    .isInstanceOf(DeleteConflictException.class);

            Grade.Check user = check(Grader.grade(s), "userDeleted", "support-backup");

            assertThat(user.met()).isFalse();
            assertThat(user.feedback()).startsWith("User support-backup still exists with a console password, key "
                    + ATTACKER + " (Active), policy AdministratorAccess; you called DeleteUser at +")
                    .contains(", which failed with DeleteConflict");
        }
    }

    @Test
    void loginProfileDeleted_metWhenConsolePasswordRemovedAndMissedOtherwise() {
        try (Sandbox s = start("leaked-key-cryptomining"); IamClient iam = iam(s)) {
            assertThat(check(Grader.grade(s), "loginProfileDeleted", "support-backup").feedback())
                    .startsWith("support-backup still has a console password").contains("iam.disableConsoleAccess");

            iam.deleteLoginProfile(r -> r.userName("support-backup"));

            Grade.Check login = check(Grader.grade(s), "loginProfileDeleted", "support-backup");
            assertThat(login.met()).isTrue();
            assertThat(login.feedback()).contains("can no longer sign in").contains("removed the console password");
        }
    }

    @Test
    void userKept_missedWhenLegitimateUserDeleted() {
        try (Sandbox s = start("quiet-account"); IamClient iam = iam(s)) {
            iam.deleteLoginProfile(r -> r.userName("ops-carol"));
            iam.detachUserPolicy(r -> r.userName("ops-carol").policyArn(ADMIN));
            iam.deleteUser(r -> r.userName("ops-carol"));

            Grade grade = Grader.grade(s);

            Grade.Check kept = check(grade, "userKept", "ops-carol");
            assertThat(kept.met()).isFalse();
            assertThat(kept.feedback()).startsWith("User ops-carol was deleted; you removed the console password at +")
                    .contains("deleted the user at +");
            assertThat(nothingDestroyed(grade).feedback()).contains("You destroyed 2 legitimate resources")
                    .contains("removed the console password of ops-carol").contains("deleted user ops-carol");
            assertThat(grade.percent()).isLessThan(100);
        }
    }

    @Test
    void keyStillActive_missedWhenOldUnusedKeyDeactivatedInQuietAccount() {
        try (Sandbox s = start("quiet-account"); IamClient iam = iam(s)) {
            deactivate(iam, "ci-deployer", "AKIAQCIDEPLOYOLDKEY2");

            Grade grade = Grader.grade(s);

            assertThat(check(grade, "keyStillActive", "AKIAQCIDEPLOYOLDKEY2").met()).isFalse();
            assertThat(nothingDestroyed(grade).feedback()).contains("deactivated key AKIAQCIDEPLOYOLDKEY2");
            assertThat(grade.met()).isEqualTo(11);
        }
    }

    // ------------------------------------------------------------------ instances

    @Test
    void instanceTerminated_metWhenTerminatedAndMissedWhenOnlyStopped() {
        try (Sandbox s = start("leaked-key-cryptomining"); Ec2Client ec2 = ec2(s, "sa-east-1")) {
            ec2.terminateInstances(r -> r.instanceIds(MINER));
            ec2.stopInstances(r -> r.instanceIds("i-0729fae923d5a4fd1"));

            Grade grade = Grader.grade(s);

            assertThat(check(grade, "instanceTerminated", MINER).met()).isTrue();
            assertThat(check(grade, "instanceTerminated", MINER).feedback()).contains("terminated it at +");
            Grade.Check stopped = check(grade, "instanceTerminated", "i-0729fae923d5a4fd1");
            assertThat(stopped.met()).isFalse();
            assertThat(stopped.feedback()).contains("is stopped, not terminated; you stopped it at +");
            Grade.Check running = check(grade, "instanceTerminated", "i-05ec84d8dbc742547");
            assertThat(running.feedback()).contains("is still running and costs money every hour; you did not change it")
                    .contains("TerminateInstances in eu-north-1");
            assertThat(nothingDestroyed(grade).met()).isTrue();
        }
    }

    @Test
    void instanceRunning_missedAndNamedWhenLegitimateInstanceTerminated() {
        try (Sandbox s = start("leaked-key-cryptomining"); Ec2Client ec2 = ec2(s, "us-east-1")) {
            ec2.terminateInstances(r -> r.instanceIds(SHOP_1));

            Grade grade = Grader.grade(s);

            Grade.Check running = check(grade, "instanceRunning", SHOP_1);
            assertThat(running.met()).isFalse();
            assertThat(running.feedback()).startsWith(SHOP_1 + " (shop-backend-1) is terminated; you terminated it")
                    .contains("cannot be brought back");
            assertThat(nothingDestroyed(grade).feedback())
                    .contains("terminated instance " + SHOP_1 + " (shop-backend-1) at +");
        }
    }

    @Test
    void snapshotBefore_missedWhenTerminatedWithoutSnapshot() {
        try (Sandbox s = start("leaked-key-cryptomining"); Ec2Client ec2 = ec2(s, "sa-east-1")) {
            ec2.terminateInstances(r -> r.instanceIds(MINER));

            Grade.Check snap = check(Grader.grade(s), "snapshotBefore",
                    "i-02aabfe228f219e9c, i-0729fae923d5a4fd1, i-05ec84d8dbc742547, i-070f58904dba41ecc");

            assertThat(snap.met()).isFalse();
            assertThat(snap.feedback()).startsWith("Expected a snapshot of each instance's volumes (CreateSnapshots) "
                    + "before it is terminated; " + MINER + " was terminated at +")
                    .contains("without a snapshot; i-0729fae923d5a4fd1 has no snapshot");
        }
    }

    @Test
    void snapshotBefore_countsCreateSnapshotsBeforeTermination_namesTheInstanceTerminatedWithout() {
        try (Sandbox s = start("leaked-key-cryptomining"); Ec2Client ec2 = ec2(s, "sa-east-1")) {
            ec2.createSnapshots(r -> r.instanceSpecification(i -> i.instanceId(MINER)));
            ec2.terminateInstances(r -> r.instanceIds(MINER));
            ec2.terminateInstances(r -> r.instanceIds("i-0729fae923d5a4fd1"));
            assertThatThrownBy(() -> ec2.createSnapshots(r -> r.instanceSpecification(
                    i -> i.instanceId("i-0729fae923d5a4fd1")))).as("too late: the instance is gone")
                    .hasMessageContaining("is terminated");

            Grade.Check snap = check(Grader.grade(s), "snapshotBefore",
                    "i-02aabfe228f219e9c, i-0729fae923d5a4fd1, i-05ec84d8dbc742547, i-070f58904dba41ecc");

            assertThat(snap.met()).isFalse();
            assertThat(snap.feedback()).contains("i-0729fae923d5a4fd1 was terminated at +")
                    .contains("without a snapshot").doesNotContain(MINER + " was terminated");
        }
    }

    @Test
    void snapshotBefore_metWhenEveryInstanceIsSnapshottedBeforeTermination() {
        Scenario scenario = Scenario.parse("inline.yaml", """
                name: one-miner
                account: {id: "123456789012"}
                operator: admin
                users:
                  - name: admin
                    id: AIDAQADMIN0000000001
                    created: -10d
                    accessKeys: [{id: AKIAQADMINKEY2222222, secret: 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, created: -10d}]
                instances:
                  - {id: i-0123456789abcdef0, region: eu-west-1, imageId: ami-1, instanceType: c5.large, launched: -1d}
                objectives:
                  - snapshotBefore: i-0123456789abcdef0
                """);
        try (Sandbox s = Sandbox.start(scenario, TestClients.options()); Ec2Client ec2 = ec2(s, "eu-west-1")) {
            ec2.createSnapshots(r -> r.instanceSpecification(i -> i.instanceId("i-0123456789abcdef0")));
            ec2.describeSnapshots(r -> r.ownerIds("self"));
            ec2.terminateInstances(r -> r.instanceIds("i-0123456789abcdef0"));

            Grade grade = Grader.grade(s);

            assertThat(grade.checks()).singleElement().satisfies(c -> {
                assertThat(c.met()).isTrue();
                assertThat(c.feedback()).startsWith("Evidence kept: i-0123456789abcdef0 snapshotted at +1s, "
                        + "terminated at +");
            });
        }
    }

    // ------------------------------------------------------------------ roles and policies

    @Test
    void roleObjectives_metWhenRogueRoleDetachedAndDeleted() {
        try (Sandbox s = start("rogue-role-persistence"); IamClient iam = iam(s)) {
            assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName(ROGUE_ROLE)))
                    .isInstanceOf(DeleteConflictException.class);
            iam.detachRolePolicy(r -> r.roleName(ROGUE_ROLE).policyArn(ROGUE_POLICY));

            Grade detached = Grader.grade(s);
            assertThat(check(detached, "policyDetached", "ops-maintenance on role " + ROGUE_ROLE).met()).isTrue();
            assertThat(check(detached, "roleDeleted", ROGUE_ROLE).feedback())
                    .contains("called DeleteRole at +").contains("detached ops-maintenance at +");

            iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName(ROGUE_ROLE).roleName(ROGUE_ROLE));
            iam.deleteRole(r -> r.roleName(ROGUE_ROLE));

            Grade.Check role = check(Grader.grade(s), "roleDeleted", ROGUE_ROLE);
            assertThat(role.met()).isTrue();
            assertThat(role.feedback()).startsWith("Role aws-ops-maintenance no longer exists (you did it at +");
        }
    }

    @Test
    void grade_rogueRoleScenarioSolvedByTheProcedureScoresFullMarks() {
        try (Sandbox s = start("rogue-role-persistence"); IamClient iam = iam(s)) {
            deactivate(iam, "build-bot", ROGUE_LEAKED);
            iam.detachRolePolicy(r -> r.roleName(ROGUE_ROLE).policyArn(ROGUE_POLICY));
            iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName(ROGUE_ROLE).roleName(ROGUE_ROLE));
            iam.deleteRole(r -> r.roleName(ROGUE_ROLE));
            iam.deletePolicyVersion(r -> r.policyArn(ROGUE_POLICY).versionId("v1"));
            iam.deletePolicy(r -> r.policyArn(ROGUE_POLICY));
            deleteKey(iam, "build-bot", ROGUE_LEAKED);

            Grade grade = Grader.grade(s);

            assertThat(grade.percent()).as(grade.render()).isEqualTo(100);
            assertThat(s.state().customerPolicyArns()).containsExactly(
                    "arn:aws:iam::555566667777:policy/billing-app-invoices");
        }
    }

    @Test
    void nothingLegitimateDestroyed_missedWhenLegitimateCrossAccountRoleDeleted() {
        try (Sandbox s = start("rogue-role-persistence"); IamClient iam = iam(s)) {
            iam.detachRolePolicy(r -> r.roleName("SecurityAuditRole")
                    .policyArn("arn:aws:iam::aws:policy/SecurityAudit"));
            iam.deleteRole(r -> r.roleName("SecurityAuditRole"));

            Grade.Check destroyed = nothingDestroyed(Grader.grade(s));

            assertThat(destroyed.met()).isFalse();
            assertThat(destroyed.feedback()).contains("deleted role SecurityAuditRole at +");
        }
    }

    // ------------------------------------------------------------------ rendering

    @Test
    void render_summaryThenOneLinePerObjective() {
        try (Sandbox s = start("rogue-role-persistence")) {
            Grade grade = Grader.grade(s);

            List<String> lines = grade.render().lines().toList();

            assertThat(lines).hasSize(1 + grade.total());
            assertThat(lines.get(0)).isEqualTo("Grade for rogue-role-persistence: 4 of 9 objectives met (44%)");
            assertThat(lines.get(1)).startsWith("[missed] keyInactive " + ROGUE_LEAKED + ": " + ROGUE_LEAKED
                    + " (user build-bot) is still Active");
            assertThat(lines.get(6)).startsWith("[met]    keyStillActive " + ROGUE_APP + ": ");
        }
    }
}
