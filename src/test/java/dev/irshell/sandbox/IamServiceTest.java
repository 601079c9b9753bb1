package dev.irshell.sandbox;

import static dev.irshell.sandbox.SandboxTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;

class IamServiceTest {
    private Sandbox sandbox;
    private IamClient iam;

    @BeforeEach
    void start() {
        sandbox = TestClients.startDefault();
        iam = TestClients.iam(sandbox, TestClients.basic(sandbox.operatorCredentials()));
    }

    @AfterEach
    void stop() {
        iam.close();
        sandbox.close();
    }

    @Test
    void listUsers_paginatorFollowsMarkersOverSeveralPages() {
        List<ListUsersResponse> pages = iam.listUsersPaginator().stream().toList();
        List<String> names = pages.stream().flatMap(p -> p.users().stream()).map(User::userName).toList();

        assertThat(pages).hasSizeGreaterThan(1);
        assertThat(pages.get(0).isTruncated()).isTrue();
        assertThat(pages.get(0).marker()).isNotBlank();
        assertThat(names).containsExactly("responder", "app-backend", "dev-jenkins", "ops-alice", "support-backup");
    }

    @Test
    void listAccessKeys_paginatedWithMaxItems() {
        List<AccessKeyMetadata> keys = iam.listAccessKeysPaginator(r -> r.userName("app-backend").maxItems(1))
                .accessKeyMetadata().stream().toList();
        iam.createAccessKey(r -> r.userName("app-backend"));
        var pages = iam.listAccessKeysPaginator(r -> r.userName("app-backend").maxItems(1)).stream().toList();

        assertThat(keys).extracting(AccessKeyMetadata::accessKeyId).containsExactly(TestClients.APP_KEY);
        assertThat(pages).hasSize(2);
    }

    @Test
    void createAccessKey_thirdKeyFailsWithLimitExceeded() {
        CreateAccessKeyResponse first = iam.createAccessKey(r -> r.userName("app-backend"));
        assertThat(first.accessKey().secretAccessKey()).hasSize(40);
        assertThat(first.accessKey().accessKeyId()).startsWith("AKIA");

        assertError(() -> iam.createAccessKey(r -> r.userName("app-backend")), 409, "LimitExceeded");
        assertThat(sandbox.state().accessKeysOf("app-backend")).hasSize(2);
    }

    @Test
    void newKey_worksForSigningAndRecordsLastUse() {
        var created = iam.createAccessKey(r -> r.userName("ops-alice")).accessKey();
        GetAccessKeyLastUsedResponse never = iam.getAccessKeyLastUsed(r -> r.accessKeyId(created.accessKeyId()));
        assertThat(never.userName()).isEqualTo("ops-alice");
        assertThat(never.accessKeyLastUsed().serviceName()).isEqualTo("N/A");
        assertThat(never.accessKeyLastUsed().region()).isEqualTo("N/A");
        assertThat(never.accessKeyLastUsed().lastUsedDate()).isNull();

        try (StsClient sts = TestClients.sts(sandbox, AwsBasicCredentials.create(created.accessKeyId(),
                created.secretAccessKey()))) {
            assertThat(sts.getCallerIdentity().arn()).endsWith(":user/ops-alice");
        }

        var used = iam.getAccessKeyLastUsed(r -> r.accessKeyId(created.accessKeyId())).accessKeyLastUsed();
        assertThat(used.serviceName()).isEqualTo("sts");
        assertThat(used.region()).isEqualTo("us-east-1");
        assertThat(used.lastUsedDate()).isAfter(sandbox.startTime());
    }

    @Test
    void getAccessKeyLastUsed_leakedKeyShowsAttackersLastCall() {
        var used = iam.getAccessKeyLastUsed(r -> r.accessKeyId(TestClients.LEAKED_KEY));
        assertThat(used.userName()).isEqualTo("dev-jenkins");
        assertThat(used.accessKeyLastUsed().lastUsedDate()).isBefore(sandbox.startTime());
        assertThat(used.accessKeyLastUsed().serviceName()).isEqualTo("iam");
    }

    @Test
    void deleteUser_conflictsUntilEverythingIsRemoved() {
        assertError(() -> iam.deleteUser(r -> r.userName("support-backup")), 409, "DeleteConflict");

        iam.deleteLoginProfile(r -> r.userName("support-backup"));
        assertError(() -> iam.deleteUser(r -> r.userName("support-backup")), 409, "DeleteConflict");
        iam.listAccessKeysPaginator(r -> r.userName("support-backup")).accessKeyMetadata()
                .forEach(k -> iam.deleteAccessKey(r -> r.userName("support-backup").accessKeyId(k.accessKeyId())));
        assertError(() -> iam.deleteUser(r -> r.userName("support-backup")), 409, "DeleteConflict");
        iam.listAttachedUserPoliciesPaginator(r -> r.userName("support-backup")).attachedPolicies()
                .forEach(p -> iam.detachUserPolicy(r -> r.userName("support-backup").policyArn(p.policyArn())));
        iam.deleteUser(r -> r.userName("support-backup"));

        assertThat(sandbox.state().user("support-backup")).isEmpty();
        assertError(() -> iam.getUser(r -> r.userName("support-backup")), 404, "NoSuchEntity");
    }

    @Test
    void getLoginProfile_noSuchEntityWithoutPassword() {
        assertError(() -> iam.getLoginProfile(r -> r.userName("app-backend")), 404, "NoSuchEntity");
        assertThat(iam.getLoginProfile(r -> r.userName("support-backup")).loginProfile().userName())
                .isEqualTo("support-backup");

        iam.createLoginProfile(r -> r.userName("app-backend").password("S3cret-Passw0rd!"));

        assertThat(iam.getLoginProfile(r -> r.userName("app-backend")).loginProfile().createDate())
                .isAfter(sandbox.startTime());
        assertThat(sandbox.state().events("us-east-1").get(1).record().toString()).doesNotContain("S3cret");
    }

    @Test
    void quarantinePolicy_attachedByAwsToTheLeakedKeysUser() {
        var attached = iam.listAttachedUserPolicies(r -> r.userName("dev-jenkins")).attachedPolicies();
        assertThat(attached).extracting(p -> p.policyName())
                .contains("AWSCompromisedKeyQuarantineV2");
        assertThat(iam.listUserPolicies(r -> r.userName("app-backend")).policyNames())
                .containsExactly("app-backend-s3-orders");
    }

    @Test
    void createUser_thenAttachPolicy_andExistingNameConflicts() {
        User created = iam.createUser(r -> r.userName("forensics")).user();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::111122223333:user/forensics");
        iam.attachUserPolicy(r -> r.userName("forensics").policyArn("arn:aws:iam::aws:policy/SecurityAudit"));

        assertError(() -> iam.createUser(r -> r.userName("forensics")), 409, "EntityAlreadyExists");
        assertError(() -> iam.attachUserPolicy(r -> r.userName("forensics")
                .policyArn("arn:aws:iam::aws:policy/NoSuchPolicy")), 404, "NoSuchEntity");
        assertThat(sandbox.state().user("forensics").orElseThrow().origin()).isEqualTo("session");
    }
}
