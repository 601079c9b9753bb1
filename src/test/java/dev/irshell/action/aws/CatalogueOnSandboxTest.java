package dev.irshell.action.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.action.Action;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionResult;
import dev.irshell.action.Params;
import dev.irshell.sandbox.Credentials;
import dev.irshell.sandbox.Sandbox;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.sandbox.Scenario;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every action of the catalogue, run through the real AWS SDK clients against the built-in
 * sandbox (the same code path as a live account), in an order that makes each one meaningful. A
 * new action without a run here fails the last assertion.
 */
class CatalogueOnSandboxTest {
    record Run(String scenario, String action, String... params) {}

    static final String LEAKED = "leaked-key-cryptomining";
    static final String ROGUE = "rogue-role-persistence";
    static final String FRAUD = "fraudulent-linked-account";

    static final List<Run> RUNS = List.of(
            new Run(LEAKED, "sts.whoami"),
            new Run(LEAKED, "ec2.findInstance", "instanceId", "i-02aabfe228f219e9c"),
            new Run(LEAKED, "cloudtrail.lookupEvents", "attribute", "ResourceName", "value", "i-02aabfe228f219e9c", "region", "sa-east-1"),
            new Run(LEAKED, "cloudtrail.lookupEventNames", "eventNames", "CreateUser,CreateAccessKey"),
            new Run(LEAKED, "iam.accessKeyOwner", "accessKeyId", "AKIAQDEVJENKINS4LEAK"),
            new Run(LEAKED, "iam.listAccessKeys", "userName", "dev-jenkins"),
            new Run(LEAKED, "iam.credentialReport"),
            new Run(LEAKED, "iam.lastAccessed", "maxEntities", "5"),
            new Run(LEAKED, "iam.recentIdentities", "since", "2026-01-01T00:00:00Z"),
            new Run(LEAKED, "iam.quarantinedUsers"),
            new Run(LEAKED, "inventory.allRegions"),
            new Run(LEAKED, "ce.costComparison"),
            // its matching of changes to events is ShellEvidenceTest's and Procedure000SandboxTest's
            new Run(LEAKED, "cloudtrail.verifyChanges"),
            new Run(LEAKED, "org.accounts"),
            new Run(LEAKED, "account.contacts"),
            new Run(LEAKED, "iam.createAccessKey", "userName", "dev-jenkins"),
            new Run(LEAKED, "iam.deactivateAccessKey", "accessKeyId", "AKIAQDEVJENKINS4LEAK"),
            new Run(LEAKED, "iam.reactivateAccessKey", "accessKeyId", "AKIAQDEVJENKINS4LEAK"),
            new Run(LEAKED, "iam.deleteAccessKey", "accessKeyId", "AKIAQDEVJENKINS4LEAK", "userName", "dev-jenkins"),
            new Run(LEAKED, "iam.resetPassword", "userName", "ops-alice"),
            new Run(LEAKED, "iam.disableConsoleAccess", "userName", "support-backup"),
            new Run(LEAKED, "iam.denyUserTemporaryCredentials", "userName", "dev-jenkins"),
            new Run(LEAKED, "iam.allowUserTemporaryCredentials", "userName", "dev-jenkins"),
            new Run(LEAKED, "iam.deleteUser", "userName", "support-backup"),
            new Run(LEAKED, "ec2.stopInstance", "instanceId", "i-05ec84d8dbc742547", "region", "eu-north-1"),
            new Run(LEAKED, "ec2.startInstance", "instanceId", "i-05ec84d8dbc742547", "region", "eu-north-1"),
            new Run(LEAKED, "ec2.snapshotInstance", "instanceId", "i-02aabfe228f219e9c", "region", "sa-east-1"),
            new Run(LEAKED, "ec2.terminateInstance", "instanceId", "i-02aabfe228f219e9c", "region", "sa-east-1"),
            new Run(LEAKED, "account.setAlternateContact", "type", "SECURITY", "emailAddress", "soc@example-shop.com"),
            new Run(ROGUE, "iam.revokeRoleSessions", "roleName", "aws-ops-maintenance"),
            new Run(ROGUE, "iam.restoreRoleSessions", "roleName", "aws-ops-maintenance"),
            new Run(ROGUE, "iam.deletePolicy", "policyArn", "arn:aws:iam::555566667777:policy/ops-maintenance"),
            new Run(ROGUE, "iam.deleteRole", "roleName", "aws-ops-maintenance"),
            new Run(FRAUD, "lambda.deleteFunction", "functionName", "sys-update-worker-1", "region", "ap-south-1"));

    @Test
    void everyAction_runsAgainstTheSandbox_throughTheSdk() {
        Map<String, Sandbox> sandboxes = new LinkedHashMap<>();
        Map<String, AwsClients> clients = new LinkedHashMap<>();
        Set<String> ran = new LinkedHashSet<>();
        Function<String, Map<String, Action>> catalogue = scenario -> {
            Sandbox sb = sandboxes.computeIfAbsent(scenario, s -> Sandbox.start(Scenario.builtin(s), SandboxOptions.defaults()));
            AwsClients c = clients.computeIfAbsent(scenario, s -> {
                Credentials cr = sb.operatorCredentials();
                return new AwsClients(AwsClients.Config.emulated(sb.endpoint(), "us-east-1", cr.accessKeyId(),
                        cr.secretAccessKey(), false, "irshell-test", null));
            });
            Map<String, Action> byName = new LinkedHashMap<>();
            AwsActions.all(c).forEach(a -> byName.put(a.spec().name(), a));
            return byName;
        };
        try {
            for (Run run : RUNS) {
                Action a = catalogue.apply(run.scenario()).get(run.action());
                assertThat(a).as(run.action()).isNotNull();
                ActionContext ctx = new ActionContext("us-east-1", sandboxes.get(run.scenario()).accountId(), "s-catalogue",
                        Clock.systemUTC(), ActionContext.Progress.NONE);
                ActionResult r = a.execute(Params.of(run.params()), ctx);
                assertThat(r.summary()).as(run.action()).isNotBlank();
                assertThat(r.data()).as(run.action()).isNotNull();
                ran.add(run.action());
            }
            Set<String> all = catalogue.apply(LEAKED).keySet();
            assertThat(ran).as("every action of the catalogue has a run here").containsExactlyInAnyOrderElementsOf(all);
        } finally {
            clients.values().forEach(AwsClients::close);
            sandboxes.values().forEach(Sandbox::close);
        }
    }
}
