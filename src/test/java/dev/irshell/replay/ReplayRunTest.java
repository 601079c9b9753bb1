package dev.irshell.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.irshell.transcript.TranscriptEntry;
import dev.irshell.transcript.TranscriptReader;
import dev.irshell.transcript.TranscriptVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `irshell run RUNBOOK --replay FILE`: the runbook runs normally, AWS answers come from a recorded
 * sandbox session, no credentials and no AWS call anywhere, and a comparison says where the run and
 * the recording differ.
 */
class ReplayRunTest {
    @TempDir
    Path dir;

    Path answers(String yaml) throws Exception {
        Path f = Files.createTempFile(dir, "answers", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    Recordings.Run replayRun(Path recording, String answers, String... approval) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "unusual-resource-activity", "--replay",
                recording.toString(), "--answers", answers(answers).toString(), "--evidence-dir",
                dir.resolve("replays").toString()));
        args.addAll(List.of(approval));
        return Recordings.main(args.toArray(String[]::new));
    }

    /** step id → the last step.end's data. */
    static Map<String, JsonNode> ends(Path transcript) throws Exception {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (TranscriptEntry e : TranscriptReader.read(transcript)) {
            if (e.type().equals("step.end")) {
                m.put(e.data().get("step").asText(), e.data());
            }
        }
        return m;
    }

    @Test
    void sameChoices_completeTheSameSteps_withTheSameOutputs_andNoAwsCall() throws Exception {
        Path original = Recordings.shared();
        Recordings.Run r = replayRun(original.getParent(), Recordings.ANSWERS, "--approve-all");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("(REPLAY of SANDBOX leaked-key-cryptomining)",
                "account 111122223333 as arn:aws:iam::111122223333:user/responder, region us-east-1",
                "replaying against " + original.getParent(),
                "[done] findKeyOwner: " + Recordings.LEAKED_KEY + " belongs to dev-jenkins",
                "in the recording:  SHOWN ONCE  SecretAccessKey for AKIA",
                "Recording against this run", "every step went as recorded");

        Path replayed = Recordings.transcript(dir.resolve("replays"));
        assertThat(TranscriptVerifier.verify(replayed).ok()).isTrue();
        List<TranscriptEntry> entries = TranscriptReader.read(replayed);
        JsonNode header = entries.get(0).data();
        assertThat(header.at("/mode/environment").asText()).isEqualTo("REPLAY of SANDBOX leaked-key-cryptomining");
        assertThat(header.at("/mode/replay/digest").asText()).isEqualTo(TranscriptVerifier.verify(original).finalHash());
        assertThat(header.at("/mode/replay/transcript").asText()).isEqualTo(original.toAbsolutePath().normalize().toString());
        assertThat(header.at("/caller/arn").asText()).isEqualTo("arn:aws:iam::111122223333:user/responder");
        assertThat(entries).noneMatch(e -> e.type().equals("aws.call"));

        Map<String, JsonNode> before = ends(original);
        Map<String, JsonNode> after = ends(replayed);
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        for (String step : before.keySet()) {
            JsonNode o = before.get(step);
            JsonNode n = after.get(step);
            assertThat(n.path("state")).as(step).isEqualTo(o.path("state"));
            assertThat(n.path("summary")).as(step).isEqualTo(o.path("summary"));
            assertThat(n.path("outputs")).as(step).isEqualTo(o.path("outputs"));
            assertThat(n.path("findings")).as(step).isEqualTo(o.path("findings"));
            assertThat(n.path("tables")).as(step).isEqualTo(o.path("tables"));
            assertThat(n.path("params")).as(step).isEqualTo(o.path("params"));
            assertThat(n.path("decision")).as(step).isEqualTo(o.path("decision"));
        }
        // a secret was never recorded, so it is not replayed either
        assertThat(after.get("createBackupKey").has("secretsShownOnce")).isFalse();
    }

    @Test
    void differentChoices_areReportedStepByStep() throws Exception {
        Path original = Recordings.shared();
        // deactivateKey not approved, a different decision
        Recordings.Run r = replayRun(original, "moveApplication: done\nconcludeReview: contained\n", "--approve",
                "disableConsole,createBackupKey");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(4);
        assertThat(r.out()).containsPattern("deactivateKey\\s+done, approved: \\S.*\\s+awaiting, not approved.*\\s+approved"
                + " differently");
        assertThat(r.out()).containsPattern("concludeReview\\s+done: moreActivity\\s+done: contained\\s+decided differently");
        assertThat(r.out()).containsPattern("findInstance\\s+done: .*\\s+same");
        assertThat(r.out()).contains("steps differ from the recording:",
                "deactivateKey: approved differently — recording done, approved");
    }

    @Test
    void aChangeTheOriginalOperatorDidNotMake_failsSayingWhatTheyDidInstead() throws Exception {
        // the original operator approved only the first two changes: deactivateKey was never made
        Path evidence = dir.resolve("original");
        Files.createDirectories(evidence);
        Recordings.Run first = Recordings.procedure001(evidence, "--approve", "disableConsole,createBackupKey");
        assertThat(first.code()).as(first.out() + first.err()).isEqualTo(4);
        Path original = Recordings.transcript(evidence);

        Recordings.Run r = replayRun(original, Recordings.ANSWERS, "--approve-all");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("[failed] deactivateKey: the recording has no answer for iam.deactivateAccessKey "
                + "{\"accessKeyId\":\"" + Recordings.LEAKED_KEY + "\",\"userName\":\"dev-jenkins\"} at step deactivateKey: "
                + "nobody approved it in the original run; it was left awaiting");
        assertThat(r.out()).containsPattern("deactivateKey\\s+awaiting, not approved.*\\s+failed, approved.*\\s+no recorded"
                + " answer");
    }

    @Test
    void differentParameters_failSayingWhichOnesTheRecordingHas() throws Exception {
        Path original = Recordings.shared();
        Recordings.Run r = Recordings.main("run", "unusual-resource-activity", "--replay", original.toString(),
                "--input", "instanceId=i-0729fae923d5a4fd1", "--evidence-dir", dir.resolve("replays").toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("[failed] findInstance: the recording has no answer for ec2.findInstance "
                + "{\"instanceId\":\"i-0729fae923d5a4fd1\"} at step findInstance: the original operator ran it with "
                + "instanceId \"" + Recordings.INSTANCE + "\" (here \"i-0729fae923d5a4fd1\")");
        assertThat(r.out()).containsPattern("findInstance\\s+done: .*failed: the recording has no answer.*no recorded answer");
    }

    @Test
    void aRunbookChangedSinceTheRecording_isSaidSo() throws Exception {
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(runbooks.resolve("unusual-resource-activity.yaml"), "# edited after the incident\n"
                + Files.readString(Path.of("runbooks/unusual-resource-activity.yaml")));
        Recordings.Run r = Recordings.main("run", "unusual-resource-activity", "--replay", Recordings.shared().toString(),
                "--runbooks", runbooks.toString(), "--approve-all", "--answers", answers(Recordings.ANSWERS).toString(),
                "--evidence-dir", dir.resolve("replays").toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("the recording ran runbook unusual-resource-activity v1.0.0 \\(sha256 [0-9a-f]{64}\\);"
                + " this run is unusual-resource-activity v1.0.0 \\(sha256 [0-9a-f]{64}\\): differences may come from the"
                + " runbook as well");
        assertThat(r.out()).contains("every step went as recorded");
    }

    @Test
    void replay_refusesOptionsThatWouldReachAws() {
        Recordings.Run r = Recordings.main("--sandbox", "run", "unusual-resource-activity", "--replay",
                Recordings.shared().toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--replay takes its account, identity and region from the recording and makes no AWS"
                + " calls: drop --sandbox");
    }

    @Test
    void outputJson_carriesTheComparison() throws Exception {
        Recordings.Run r = Recordings.main("--output", "json", "run", "unusual-resource-activity", "--replay",
                Recordings.shared().toString(), "--approve-all", "--answers", answers(Recordings.ANSWERS).toString(),
                "--evidence-dir", dir.resolve("replays").toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertThat(n.get("comparison")).hasSize(12);
        n.get("comparison").forEach(c -> assertThat(c.get("comparison").asText()).as(c.toString()).isEqualTo("same"));
    }
}
