package dev.irshell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.shell.Workspace;
import dev.irshell.testsupport.FakeCloudTrail;
import dev.irshell.testsupport.MotoServer;
import dev.irshell.testsupport.Procedure001Account;
import dev.irshell.testsupport.Screens;
import dev.irshell.testsupport.ScriptedTerminal;
import dev.irshell.testsupport.TestWorkspaces;
import dev.irshell.transcript.TranscriptReader;
import dev.irshell.transcript.TranscriptEntry;
import dev.irshell.transcript.TranscriptVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * A whole procedure-001 session typed into the real Spring Shell (JLine on a scripted dumb
 * terminal), against moto and a CloudTrail fake: what the operator sees, what the account
 * looks like after, and the transcript.
 */
@ExtendWith(MotoServer.class)
class ShellSessionTest {
    @TempDir
    Path dir;

    FakeCloudTrail ct;
    Procedure001Account account;
    MotoServer moto;

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        ct = FakeCloudTrail.start().account(MotoServer.ACCOUNT);
        account = Procedure001Account.create(moto, ct);
    }

    @AfterEach
    void tearDown() {
        ct.close();
    }

    String type(String... lines) {
        Workspace ws = TestWorkspaces.moto(moto, ct, dir.resolve("evidence"), false, false);
        return ScriptedTerminal.type(ws, List.of(lines));
    }

    Path transcript() throws Exception {
        try (Stream<Path> s = Files.walk(dir.resolve("evidence"))) {
            return s.filter(p -> p.getFileName().toString().equals("transcript.jsonl")).findFirst().orElseThrow();
        }
    }

    @Test
    void procedure001_typedThroughTheShell_containsTheUserAndLeavesVerifiableEvidence() throws Exception {
        String screen = type(
                "runbooks",
                "run",
                "start unusual-resource-activity --input instanceId=" + account.instanceId,
                "run",                      // findInstance
                "run",                      // locateLaunchEvent
                "run",                      // findKeyOwner
                "run", "devjenkins",        // disableConsole: wrong id typed, nothing happens
                "run", "dev-jenkins",       // disableConsole: right id
                "run",                      // listUserKeys
                "run", "y",                 // createBackupKey
                "run", "done: switched the app to the new key",
                "run", "y",                 // deactivateKey
                "undo deactivateKey", "y",  // the app broke: reactivate
                "goto deactivateKey",
                "run", "y",                 // and deactivate again
                "note attacker IP 203.0.113.66 is a known VPN exit",
                "status",
                "outputs",
                "end");

        Screens.assertShows(screen,
                "unusual-resource-activity  Unusual resource activity",
                "no runbook is running: `runbooks` lists them, `start RUNBOOK` starts one",
                "Started unusual-resource-activity",
                "[done] findInstance: " + account.instanceId + " is running in eu-west-3",
                "RunInstances",
                Procedure001Account.ATTACKER_IP,
                "[done] findKeyOwner: " + account.leakedKey + " belongs to dev-jenkins",
                "DESTROY — Turn off the user's console password",
                "Type dev-jenkins to go ahead, anything else to cancel:",
                "not confirmed: you typed 'devjenkins', not dev-jenkins. Nothing was changed",
                "CHANGE — Deactivate the compromised access key",
                "iam:UpdateAccessKey in ",
                "SHOWN ONCE",
                "undone: deactivateKey",
                "[done]      deactivateKey",
                "session ended:",
                "final digest ");
        assertThat(account.keyStatus()).isEqualTo(StatusType.INACTIVE);
        assertThat(account.hasLoginProfile()).isFalse();

        Path t = transcript();
        assertThat(TranscriptVerifier.verify(t).ok()).isTrue();
        List<TranscriptEntry> entries = TranscriptReader.read(t);
        assertThat(entries).anyMatch(e -> e.type().equals("answer") && e.data().path("typed").asText().equals("devjenkins")
                && !e.data().path("approved").asBoolean());
        assertThat(entries).anyMatch(e -> e.type().equals("undo") && e.data().path("outcome").asText().equals("done"));
        assertThat(entries).anyMatch(e -> e.type().equals("note") && e.data().path("text").asText().contains("known VPN exit"));
        assertThat(entries).filteredOn(e -> e.type().equals("aws.call") && e.data().path("operation").asText().equals("UpdateAccessKey"))
                .hasSize(3);
        String secret = screen.replaceAll("(?s).*SecretAccessKey for \\S+: (\\S+).*", "$1");
        assertThat(secret).hasSize(40);
        assertThat(Files.readString(t)).doesNotContain(secret);
    }
}
