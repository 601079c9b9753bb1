package dev.irshell.action.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionResult;
import dev.irshell.action.Params;
import dev.irshell.action.Severity;
import dev.irshell.testsupport.MotoServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

/**
 * The investigation actions of procedure 000 through the real SDK over HTTP against moto_server,
 * for the operations moto implements (credential report, IAM listings with CreateDate, EC2
 * describes, Lambda listings, Organizations). Skipped, visibly, when moto_server is absent.
 */
@ExtendWith(MotoServer.class)
class InvestigationActionsMotoTest {
    static final List<String> progress = new CopyOnWriteArrayList<>();
    static final ActionContext CTX = new ActionContext("us-east-1", MotoServer.ACCOUNT, "s-moto", Clock.systemUTC(),
            (what, done, total) -> progress.add(what + " " + done + "/" + total));
    static final Sleeper NO_WAIT = d -> {};

    static RecordingListener listener = new RecordingListener();
    static AwsClients clients;
    static Instant started;

    @BeforeAll
    static void start(MotoServer moto) {
        clients = new AwsClients(moto.clientConfig("us-east-1", false, listener));
        started = Instant.now().minus(Duration.ofMinutes(1));
    }

    @AfterAll
    static void close() {
        if (clients != null) {
            clients.close();
        }
    }

    private static IamClient iam() {
        return clients.iam();
    }

    @Test
    void credentialReport_generatedPolledAndParsed() {
        iam().createUser(b -> b.userName("cr-console"));
        iam().createLoginProfile(b -> b.userName("cr-console").password("Sup3r-s3cret-Pa55!"));
        iam().createAccessKey(b -> b.userName("cr-console"));

        ActionResult r = new CredentialReportAction(clients, NO_WAIT).execute(Params.of(), CTX);

        assertThat(listener.of("GenerateCredentialReport")).isNotEmpty();
        assertThat(listener.of("GetCredentialReport")).hasSize(1);
        JsonNode rows = r.data().get("rows");
        JsonNode user = null;
        for (JsonNode row : rows) {
            if ("cr-console".equals(row.get("user").asText())) {
                user = row;
            }
        }
        assertThat(user).as("row of cr-console in %s", rows).isNotNull();
        assertThat(user.get("arn").asText()).isEqualTo("arn:aws:iam::" + MotoServer.ACCOUNT + ":user/cr-console");
        assertThat(user.get("passwordEnabled").asBoolean()).isTrue();
        assertThat(user.get("mfaActive").asBoolean()).isFalse();
        assertThat(user.get("accessKey1Active").asBoolean()).isTrue();
        assertThat(user.get("userCreationTime").asText()).endsWith("Z");
        assertThat(r.data().get("usersWithoutMfa").toString()).contains("cr-console");
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().contains("without MFA"));
        assertThat(r.tables().get(0).rows()).anyMatch(row -> row.get(0).equals("cr-console"));
    }

    @Test
    void recentIdentities_findsNewUserRoleAndPolicy_andTheForeignTrust() {
        iam().createUser(b -> b.userName("ri-mallory"));
        iam().createRole(b -> b.roleName("ri-backdoor").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::999988887777:root\"},\"Action\":\"sts:AssumeRole\"}]}"));
        iam().createPolicy(b -> b.policyName("ri-exfil").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));

        ActionResult r = new RecentIdentitiesAction(clients).execute(Params.of("since", started.toString()), CTX);

        JsonNode d = r.data();
        assertThat(d.get("users").findValuesAsText("name")).contains("ri-mallory");
        JsonNode role = null;
        for (JsonNode x : d.get("roles")) {
            if (x.get("name").asText().equals("ri-backdoor")) {
                role = x;
            }
        }
        assertThat(role).isNotNull();
        assertThat(role.get("trustedPrincipals").toString()).contains("arn:aws:iam::999988887777:root");
        assertThat(role.get("created").asText()).endsWith("Z");
        assertThat(d.get("policies").findValuesAsText("name")).contains("ri-exfil");
        assertThat(listener.last("ListPolicies").request().toString()).contains("Local");
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.CRITICAL && f.message().startsWith("role ri-backdoor trusts account(s) 999988887777"));
    }

    @Test
    void quarantinedUsers_findsTheAttachedQuarantinePolicy() {
        iam().createUser(b -> b.userName("q-exposed"));
        iam().createAccessKey(b -> b.userName("q-exposed"));
        // moto_server does not load AWS managed policies: a stand-in of the same name (the action matches names)
        String arn = iam().createPolicy(b -> b.policyName("AWSCompromisedKeyQuarantineV2").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"iam:CreateAccessKey\","
                        + "\"Resource\":\"*\"}]}")).policy().arn();
        iam().attachUserPolicy(b -> b.userName("q-exposed").policyArn(arn));
        iam().createUser(b -> b.userName("q-fine"));

        ActionResult r = new QuarantinedUsersAction(clients).execute(Params.of(), CTX);

        assertThat(r.data().get("users").findValuesAsText("userName")).containsExactly("q-exposed");
        assertThat(r.data().get("users").get(0).get("keys")).hasSize(1);
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.CRITICAL && f.message().startsWith("AWS quarantined q-exposed"));
    }

    @Test
    void inventory_findsNewResourcesInARegionNobodyUses() {
        Ec2Client ec2 = clients.ec2("ap-southeast-2");
        String ami = ec2.describeImages(b -> b.owners("amazon")).images().get(0).imageId();
        String instance = ec2.runInstances(b -> b.imageId(ami).minCount(1).maxCount(1).instanceType(InstanceType.G4_DN_XLARGE))
                .instances().get(0).instanceId();
        String volume = ec2.createVolume(b -> b.availabilityZone("ap-southeast-2a").size(1500)).volumeId();
        String snapshot = ec2.createSnapshot(b -> b.volumeId(volume)).snapshotId();
        String image = ec2.createImage(b -> b.instanceId(instance).name("exfil-image")).imageId();
        progress.clear();

        ActionResult r = new InventoryAllRegionsAction(clients, 4, Duration.ofMinutes(2))
                .execute(Params.of("windowStart", started.toString()), CTX);

        JsonNode d = r.data();
        List<String> ids = d.get("resources").findValuesAsText("id");
        assertThat(ids).contains(instance, volume, snapshot, image);
        assertThat(ids).doesNotContain(ami); // Owners=self only
        for (JsonNode res : d.get("resources")) {
            if (res.get("id").asText().equals(instance)) {
                assertThat(res.get("region").asText()).isEqualTo("ap-southeast-2");
                assertThat(res.get("size").asText()).isEqualTo("g4dn.xlarge");
                assertThat(res.get("new").asBoolean()).isTrue();
            }
        }
        assertThat(d.get("countsByRegion").get("ap-southeast-2").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(d.get("regions").size()).isGreaterThan(10);
        assertThat(d.get("regions").findValuesAsText("status")).doesNotContain("failed");
        // moto owns many snapshots of its own built-in AMIs, created when the region is first used: they are "new"
        // too and may fill the per-resource findings, so look for the instance in the data and the table
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.CRITICAL && f.message().contains("inside the window"));
        int row = 0;
        for (List<String> cells : r.tables().get(0).rows()) {
            if (cells.get(2).equals(instance)) {
                assertThat(r.tables().get(0).highlighted()).contains(row);
            }
            row++;
        }
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().startsWith("g4dn.xlarge is a GPU"));
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().startsWith(volume + " is 1500 GiB"));
        assertThat(listener.of("ListFunctions")).isNotEmpty();
        assertThat(listener.of("ListLayers")).isNotEmpty();
        assertThat(progress).isNotEmpty();
    }

    @Test
    void orgAccounts_notInAnOrganization_thenItsAccounts() {
        ActionResult none = new OrgAccountsAction(clients).execute(Params.of(), CTX);
        if (none.data().get("inOrganization").asBoolean()) {
            // another test of this JVM created an organization first; the listing below still applies
            assertThat(none.data().get("accounts")).isNotEmpty();
        } else {
            assertThat(none.findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("not in an organization"));
            clients.organizations().createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL));
        }
        clients.organizations().createAccount(b -> b.accountName("rogue").email("rogue@example.com"));

        ActionResult r = new OrgAccountsAction(clients).execute(Params.of("since", started.toString()), CTX);

        JsonNode d = r.data();
        assertThat(d.get("inOrganization").asBoolean()).isTrue();
        assertThat(d.get("managementAccountId").asText()).isEqualTo(MotoServer.ACCOUNT);
        JsonNode rogue = null;
        for (JsonNode a : d.get("accounts")) {
            if (a.get("name").asText().equals("rogue")) {
                rogue = a;
            }
        }
        assertThat(rogue).isNotNull();
        assertThat(rogue.get("email").asText()).isEqualTo("rogue@example.com");
        assertThat(rogue.get("joinedMethod").asText()).isEqualTo("CREATED");
        String rogueId = rogue.get("id").asText();
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.CRITICAL && f.message().contains(rogueId));
    }
}
