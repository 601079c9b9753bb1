package dev.irshell.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.shell.Ansi;
import dev.irshell.shell.Renderer;
import dev.irshell.transcript.TranscriptEntry;
import dev.irshell.transcript.TranscriptReader;
import dev.irshell.transcript.TranscriptVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `irshell replay` and the screens it plays, from a real sandbox transcript, with no AWS anywhere. */
class ReplayTest {
    @TempDir
    Path dir;

    final Renderer render = new Renderer(new Ansi(false));

    @Test
    void screens_showWhatTheOperatorSaw_stepByStep_atTheTranscriptTimes() throws Exception {
        Path t = Recordings.shared();
        Recording rec = Recording.load(t.getParent());
        List<Screen> screens = Screens.of(rec, render, List.of());
        String all = screens.stream().map(Screen::text).collect(Collectors.joining());

        // every state line the live run printed is on the replay's screens, in the same order
        String state = "^\\[(done|skipped|failed|awaiting|blocked|pending)] .*";
        List<String> live = Recordings.sharedRun().out().lines().filter(l -> l.matches(state)).toList();
        assertThat(live).hasSizeGreaterThan(10);
        assertThat(all.lines().filter(l -> l.matches(state)).toList()).containsExactlyElementsOf(live);
        assertThat(all).contains(
                "[1/12] findInstance — Find the instance in every enabled region  (action ec2.findInstance)",
                // the plan shown at a destroy and the resource id the operator typed
                "DESTROY — Turn off the user's console password",
                "  1. iam:GetLoginProfile in aws-global {\"UserName\":\"dev-jenkins\"}",
                "Type dev-jenkins to go ahead, anything else to cancel: dev-jenkins  → approved",
                // a table as the shell drew it
                "  Field             Value",
                "  Instance          " + Recordings.INSTANCE,
                // the manual step and the decision, with their answers
                "Manual step: Move the application to the new key",
                "choice > moreActivity",
                "session ended: ");
        // the secret was shown once and is nowhere; the replay says where it was
        assertThat(all).containsPattern("SHOWN ONCE\\s+SecretAccessKey for AKIA[A-Z0-9]{16}: the secret was shown here"
                + " once and was not recorded anywhere");

        // each screen carries the time of the entry it comes from
        List<TranscriptEntry> starts = TranscriptReader.read(t).stream().filter(e -> e.type().equals("step.start")).toList();
        List<Screen> headers = screens.stream().filter(Screen::stepStart).toList();
        assertThat(headers).hasSameSizeAs(starts);
        for (int i = 0; i < starts.size(); i++) {
            assertThat(headers.get(i).at()).isEqualTo(starts.get(i).ts());
            assertThat(headers.get(i).step()).isEqualTo(starts.get(i).data().get("step").asText());
        }
        assertThat(screens).extracting(Screen::at).isSorted();
    }

    @Test
    void replay_noWait_playsTheWholeSessionWithoutCredentials_andExits0() {
        Path t = Recordings.shared();
        Recordings.Run r = Recordings.main("replay", t.getParent().toString(), "--no-wait");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("✔ verified: OK:", "Unusual resource activity",
                "[done] findKeyOwner: " + Recordings.LEAKED_KEY + " belongs to dev-jenkins",
                "transcript sealed, final digest " + TranscriptVerifier.verify(t).finalHash());
        assertThat(r.out().indexOf("findInstance —")).isLessThan(r.out().indexOf("deactivateKey —"));
    }

    @Test
    void list_namesEveryStepWithItsStateAndTime() {
        Recordings.Run r = Recordings.main("replay", Recordings.shared().toString(), "--list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("1\\s+findInstance\\s+done\\s+\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\s+\\+0:00\\.\\d{3}\\s+"
                + "Find the instance in every enabled region");
        assertThat(r.out()).containsPattern("concludeReview\\s+done");
        assertThat(r.out()).doesNotContain("DESTROY");
    }

    @Test
    void step_startsThereAfterTheSessionHeader() {
        Recordings.Run r = Recordings.main("replay", Recordings.shared().toString(), "--step", "deactivateKey", "--no-wait");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("account 111122223333 as arn:aws:iam::111122223333:user/responder",
                "deactivateKey — Deactivate the compromised access key", "[done] deactivateKey:");
        assertThat(r.out()).doesNotContain("findInstance — ", "[done] findKeyOwner");
    }

    @Test
    void unknownStep_isAUsageErrorListingTheSteps() {
        Recordings.Run r = Recordings.main("replay", Recordings.shared().toString(), "--step", "deactivateKeys");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no step 'deactivateKeys' in this recording; its steps are: findInstance, "
                + "locateLaunchEvent, findKeyOwner");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badSpeed_andMissingFile_areUsageErrors() {
        Recordings.Run r = Recordings.main("replay", Recordings.shared().toString(), "--speed", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--speed must be a positive number of times real time such as 2 or 0.5, got '0'");
        Recordings.Run missing = Recordings.main("replay", dir.resolve("nothing").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no transcript at " + dir.resolve("nothing"));
    }

    @Test
    void tamperedTranscript_isSaidToNotVerify_isStillReplayed_andExits3() throws Exception {
        Path t = Recordings.copy(Recordings.shared(), dir);
        List<String> lines = Files.readAllLines(t);
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"type\":\"step.end\"") && lines.get(i).contains("belongs to dev-jenkins")) {
                at = i;
            }
        }
        lines.set(at, lines.get(at).replace("belongs to dev-jenkins", "belongs to ops-alice"));
        Files.write(t, lines, StandardCharsets.UTF_8);

        Recordings.Run r = Recordings.main("replay", t.toString(), "--no-wait");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("✖ THIS TRANSCRIPT DOES NOT VERIFY", "BROKEN: line " + (at + 1),
                "▼ from line " + (at + 1) + " on, the record does not verify",
                // the damaged record is shown as written, and what follows it too
                "[done] findKeyOwner: " + Recordings.LEAKED_KEY + " belongs to ops-alice", "deactivateKey — ");
        assertThat(r.out().indexOf("▼ from line")).isLessThan(r.out().indexOf("belongs to ops-alice"));
        assertThat(r.err()).contains("this transcript does not verify");
    }

    @Test
    void malformedLine_isShownWhereItIs() throws Exception {
        Path t = Recordings.copy(Recordings.shared(), dir);
        List<String> lines = Files.readAllLines(t);
        lines.set(5, "{not json");
        Files.write(t, lines, StandardCharsets.UTF_8);
        Recordings.Run r = Recordings.main("replay", t.toString(), "--no-wait");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("✖ line 6 is not a transcript entry: not valid JSON", "{not json",
                "[done] deactivateKey:");
    }
}
