package dev.irshell.action.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.AwsCall;
import dev.irshell.action.Params;
import dev.irshell.action.Severity;
import dev.irshell.action.Undo;
import dev.irshell.testsupport.MotoServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.StatusType;

/** The IAM actions through the real SDK over HTTP against moto_server. */
@ExtendWith(MotoServer.class)
class IamActionsMotoTest {
    static final ActionContext CTX = new ActionContext("us-east-1", MotoServer.ACCOUNT, "s-moto", Clock.systemUTC(),
            ActionContext.Progress.NONE);

    static MotoServer moto;
    static RecordingListener listener;
    static AwsClients clients;
    static final List<String> secretsSeen = new ArrayList<>();

    @BeforeAll
    static void startClients(MotoServer server) {
        moto = server;
        listener = new RecordingListener();
        clients = new AwsClients(moto.clientConfig("us-east-1", false, listener));
    }

    @AfterAll
    static void close() {
        if (clients != null) {
            clients.close();
        }
    }

    @BeforeEach
    void clearCalls() {
        listener.clear();
    }

    private static IamClient iam() {
        return clients.iam();
    }

    private static String newUser(String name, boolean password) {
        iam().createUser(b -> b.userName(name));
        if (password) {
            iam().createLoginProfile(b -> b.userName(name).password("Sup3r-s3cret-Pa55!"));
            secretsSeen.add("Sup3r-s3cret-Pa55!");
        }
        return name;
    }

    private static AccessKey newKey(String user) {
        AccessKey k = iam().createAccessKey(b -> b.userName(user)).accessKey();
        secretsSeen.add(k.secretAccessKey());
        return k;
    }

    private static ActionResult run(dev.irshell.action.Action a, Params p) {
        return a.execute(p, CTX);
    }

    private static void assertNoSecretRecorded() {
        assertThat(listener.calls).isNotEmpty();
        for (AwsCall c : listener.calls) {
            String all = String.valueOf(c.request()) + c.response() + c.errorMessage();
            for (String s : secretsSeen) {
                assertThat(all).doesNotContain(s);
            }
        }
    }

    @Test
    void accessKeyOwner_findsUserAndAccountOfALongTermKey() {
        String user = newUser("owner-alice", false);
        AccessKey k = newKey(user);

        ActionResult r = run(new AccessKeyOwnerAction(clients), Params.of("accessKeyId", k.accessKeyId()));

        assertThat(r.data().get("userName").asText()).isEqualTo(user);
        assertThat(r.data().get("account").asText()).isEqualTo(MotoServer.ACCOUNT);
        assertThat(r.data().get("temporary").asBoolean()).isFalse();
        assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.CRITICAL);
        AwsCall call = listener.last("GetAccessKeyLastUsed");
        assertThat(call.service()).isEqualTo("iam");
        assertThat(call.region()).isEqualTo("aws-global");
        assertThat(call.outcome()).isEqualTo("ok");
        assertThat(call.requestId()).isNotBlank();
        assertThat(call.request().get("AccessKeyId").asText()).isEqualTo(k.accessKeyId());
        assertThat(listener.last("GetAccessKeyInfo").region()).isEqualTo("us-east-1");
        assertNoSecretRecorded();
    }

    @Test
    void accessKeyOwner_unknownKey_mapsAwsErrorWithRequestId() {
        assertThatThrownBy(() -> run(new AccessKeyOwnerAction(clients), Params.of("accessKeyId", "AKIAZZZZZZZZZZZZZZZZ")))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.AWS);
                    assertThat(f.errorCode()).isEqualTo("NoSuchEntity");
                    assertThat(f.operation()).isEqualTo("GetAccessKeyLastUsed");
                    assertThat(f.requestId()).isNotBlank();
                    assertThat(f.httpStatus()).isEqualTo(404);
                });
        AwsCall failed = listener.last("GetAccessKeyLastUsed");
        assertThat(failed.outcome()).isEqualTo("error");
        assertThat(failed.errorCode()).isEqualTo("NoSuchEntity");
        assertThat(failed.requestId()).isNotBlank();
    }

    @Test
    void listAccessKeys_listsBothKeysWithLastUse() {
        String user = newUser("list-bob", false);
        AccessKey k1 = newKey(user);
        AccessKey k2 = newKey(user);

        ActionResult r = run(new ListAccessKeysAction(clients), Params.of("userName", user));

        assertThat(r.data().get("keys")).hasSize(2);
        assertThat(r.data().get("keys").findValuesAsText("accessKeyId")).containsExactlyInAnyOrder(k1.accessKeyId(), k2.accessKeyId());
        assertThat(r.data().get("keys").get(0).get("status").asText()).isEqualTo("Active");
        assertThat(r.tables().get(0).rows()).hasSize(2);
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.INFO && f.message().contains("two active keys"));
        assertThat(listener.of("GetAccessKeyLastUsed")).hasSize(2);
        assertNoSecretRecorded();
    }

    @Test
    void createAccessKey_secretOnlyInSecrets_andUndoDeletesIt() {
        String user = newUser("create-carol", false);
        CreateAccessKeyAction action = new CreateAccessKeyAction(clients);

        ActionResult r = run(action, Params.of("userName", user));

        String id = r.data().get("accessKeyId").asText();
        assertThat(id).startsWith("AKIA");
        assertThat(r.secrets()).hasSize(1);
        String secret = r.secrets().get(0).value();
        secretsSeen.add(secret);
        assertThat(r.secrets().get(0).label()).isEqualTo("SecretAccessKey for " + id);
        assertThat(r.data().toString()).doesNotContain(secret);
        AwsCall create = listener.last("CreateAccessKey");
        assertThat(create.response().at("/AccessKey/SecretAccessKey").asText()).isEqualTo("[REDACTED]");
        assertThat(create.response().at("/AccessKey/AccessKeyId").asText()).isEqualTo(id);
        assertNoSecretRecorded();

        Undo undo = action.undo(Params.of("userName", user), r).orElseThrow();
        assertThat(undo.action()).isEqualTo("iam.deleteAccessKey");
        assertThat(undo.params().get("accessKeyId").asText()).isEqualTo(id);
        assertThat(undo.params().get("userName").asText()).isEqualTo(user);
    }

    @Test
    void createAccessKey_withTwoKeys_failsBeforeCallingCreate() {
        String user = newUser("create-full", false);
        newKey(user);
        newKey(user);
        listener.clear();

        assertThatThrownBy(() -> run(new CreateAccessKeyAction(clients), Params.of("userName", user)))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.errorCode()).isEqualTo("LimitExceeded");
                    assertThat(f.getMessage()).contains("already has 2 access keys");
                });
        assertThat(listener.of("CreateAccessKey")).isEmpty();
        assertThat(iam().listAccessKeys(b -> b.userName(user)).accessKeyMetadata()).hasSize(2);
    }

    @Test
    void deactivateThenReactivate_changesStatusInMoto_andUndoPointsBack() {
        String user = newUser("status-dave", false);
        AccessKey k = newKey(user);
        DeactivateAccessKeyAction deactivate = new DeactivateAccessKeyAction(clients);

        ActionResult off = run(deactivate, Params.of("accessKeyId", k.accessKeyId()));

        assertThat(off.data().get("userName").asText()).isEqualTo(user);
        assertThat(off.data().get("previousStatus").asText()).isEqualTo("Active");
        assertThat(off.data().get("status").asText()).isEqualTo("Inactive");
        assertThat(status(user, k.accessKeyId())).isEqualTo(StatusType.INACTIVE);
        AwsCall update = listener.last("UpdateAccessKey");
        assertThat(update.request().get("Status").asText()).isEqualTo("Inactive");
        Undo undo = deactivate.undo(Params.of("accessKeyId", k.accessKeyId()), off).orElseThrow();
        assertThat(undo.action()).isEqualTo("iam.reactivateAccessKey");

        ActionResult on = run(new ReactivateAccessKeyAction(clients), new Params((com.fasterxml.jackson.databind.node.ObjectNode) undo.params()));

        assertThat(on.data().get("previousStatus").asText()).isEqualTo("Inactive");
        assertThat(status(user, k.accessKeyId())).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void deleteAccessKey_removesTheKey() {
        String user = newUser("delete-erin", false);
        AccessKey k = newKey(user);

        ActionResult r = run(new DeleteAccessKeyAction(clients), Params.of("accessKeyId", k.accessKeyId(), "userName", user));

        assertThat(r.data().get("deleted").asBoolean()).isTrue();
        assertThat(iam().listAccessKeys(b -> b.userName(user)).accessKeyMetadata()).isEmpty();
        assertThat(listener.last("DeleteAccessKey").request().get("AccessKeyId").asText()).isEqualTo(k.accessKeyId());
    }

    @Test
    void disableConsoleAccess_withPassword_deletesIt() {
        String user = newUser("console-frank", true);

        ActionResult r = run(new DisableConsoleAccessAction(clients), Params.of("userName", user));

        assertThat(r.data().get("hadPassword").asBoolean()).isTrue();
        assertThat(r.data().get("disabled").asBoolean()).isTrue();
        assertThat(r.data().get("passwordCreated").asText()).isNotBlank();
        assertThat(r.findings()).anyMatch(f -> f.message().contains("still work"));
        assertThatThrownBy(() -> iam().getLoginProfile(b -> b.userName(user)))
                .hasMessageContaining("Login profile");
        assertNoSecretRecorded();
    }

    @Test
    void disableConsoleAccess_withoutPassword_isAResultNotAnError() {
        String user = newUser("console-grace", false);

        ActionResult r = run(new DisableConsoleAccessAction(clients), Params.of("userName", user));

        assertThat(r.data().get("hadPassword").asBoolean()).isFalse();
        assertThat(r.data().get("disabled").asBoolean()).isFalse();
        assertThat(r.findings()).anyMatch(f -> f.message().contains("nothing to disable"));
        assertThat(listener.of("DeleteLoginProfile")).isEmpty();
    }

    @Test
    void disableConsoleAccess_unknownUser_isAnError() {
        assertThatThrownBy(() -> run(new DisableConsoleAccessAction(clients), Params.of("userName", "nobody-here")))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.errorCode()).isEqualTo("NoSuchEntity"));
    }

    @Test
    void readOnly_refusesUpdateAccessKey_beforeAnyRequestLeaves() {
        String user = newUser("readonly-heidi", false);
        AccessKey k = newKey(user);
        RecordingListener roListener = new RecordingListener();
        try (AwsClients ro = new AwsClients(moto.clientConfig("us-east-1", true, roListener))) {
            assertThatThrownBy(() -> new DeactivateAccessKeyAction(ro).execute(
                    Params.of("accessKeyId", k.accessKeyId(), "userName", user), CTX))
                    .isInstanceOfSatisfying(ActionFailure.class, f -> {
                        assertThat(f.kind()).isEqualTo(ActionFailure.Kind.READ_ONLY);
                        assertThat(f.service()).isEqualTo("iam");
                        assertThat(f.operation()).isEqualTo("UpdateAccessKey");
                        assertThat(f.region()).isEqualTo("aws-global");
                    });
            // the read before it went through; the write never got an answer
            assertThat(roListener.of("ListAccessKeys")).hasSize(1);
            assertThat(roListener.of("UpdateAccessKey")).allMatch(c -> c.requestId() == null && c.httpStatus() == 0);
            // and reads still work
            assertThat(new ListAccessKeysAction(ro).execute(Params.of("userName", user), CTX).data().get("keys")).hasSize(1);
        }
        assertThat(status(user, k.accessKeyId())).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void whoami_reportsMotoAccountAndKeyInUse() {
        ActionResult r = run(new WhoAmIAction(clients), Params.of());

        assertThat(r.data().get("account").asText()).isEqualTo(MotoServer.ACCOUNT);
        assertThat(r.data().get("accessKeyId").asText()).isEqualTo(MotoServer.ACCESS_KEY_ID);
        assertThat(r.data().get("arn").asText()).startsWith("arn:aws:");
        AwsCall call = listener.last("GetCallerIdentity");
        assertThat(call.service()).isEqualTo("sts");
        assertThat(call.region()).isEqualTo("us-east-1");
        assertThat(call.requestId()).isNotBlank();
        assertThat(clients.identity().account()).isEqualTo(MotoServer.ACCOUNT);
    }

    private static StatusType status(String user, String keyId) {
        return iam().listAccessKeys(b -> b.userName(user)).accessKeyMetadata().stream()
                .filter(m -> m.accessKeyId().equals(keyId)).findFirst().orElseThrow().status();
    }
}
