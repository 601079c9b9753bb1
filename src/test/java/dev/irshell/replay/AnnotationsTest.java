package dev.irshell.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.transcript.TranscriptEntry;
import dev.irshell.transcript.TranscriptReader;
import dev.irshell.transcript.TranscriptVerifier;
import dev.irshell.transcript.VerifyResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Annotations: a chain of their own beside the transcript, tied to its digest, never touching it. */
class AnnotationsTest {
    @TempDir
    Path dir;

    @Test
    void annotate_appendsAChainedFile_andLeavesTheTranscriptsBytesUnchanged() throws Exception {
        Path t = Recordings.copy(Recordings.shared(), dir);
        byte[] before = Files.readAllBytes(t);
        Recordings.Run one = Recordings.main("transcript", "annotate", t.toString(), "--step", "deactivateKey", "--text",
                "deactivated before the application moved?");
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(one.out()).contains("annotated step deactivateKey in " + t.resolveSibling("transcript.annotations.jsonl"),
                "the transcript is unchanged");
        Annotations.append(Recording.load(t), null, "overall: contained in time", "second-reviewer", Clock.systemUTC());
        assertThat(Files.readAllBytes(t)).isEqualTo(before);

        Path notes = t.resolveSibling("transcript.annotations.jsonl");
        VerifyResult chain = TranscriptVerifier.verify(notes);
        assertThat(chain.status()).isEqualTo(VerifyResult.Status.UNSEALED); // a review may go on: never sealed
        assertThat(chain.brokenAtLine()).isZero();
        List<TranscriptEntry> entries = TranscriptReader.read(notes);
        assertThat(entries).extracting(TranscriptEntry::type).containsExactly("header", "annotation", "annotation");
        var header = entries.get(0).data();
        assertThat(header.get("kind").asText()).isEqualTo("annotations");
        assertThat(header.at("/transcript/digest").asText()).isEqualTo(TranscriptVerifier.verify(t).finalHash());
        assertThat(header.at("/transcript/path").asText()).isEqualTo(t.toAbsolutePath().normalize().toString());
        assertThat(header.at("/annotator/user").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(entries.get(2).data().at("/by/user").asText()).isEqualTo("second-reviewer");

        Recordings.Run verify = Recordings.main("transcript", "verify", t.toString());
        assertThat(verify.code()).isZero();
        assertThat(verify.out()).contains("OK: ", "annotations: 2 annotations by " + System.getProperty("user.name")
                + ", second-reviewer in transcript.annotations.jsonl, chain intact, for this transcript");

        // the replay shows them where they belong
        Recordings.Run replay = Recordings.main("replay", t.toString(), "--no-wait");
        assertThat(replay.code()).isZero();
        assertThat(replay.out()).containsSubsequence("account 111122223333", "REVIEW  second-reviewer", "overall: contained",
                "deactivateKey — Deactivate", "REVIEW  " + System.getProperty("user.name"),
                "deactivated before the application moved?", "[done] deactivateKey");
    }

    @Test
    void verify_withoutAnnotations_isUnchanged() {
        Recordings.Run r = Recordings.main("transcript", "verify", Recordings.shared().toString());
        assertThat(r.code()).isZero();
        // the chain, artifacts and signature lines, and no annotations line
        assertThat(r.out().lines().toList()).hasSize(3).first().asString().startsWith("OK: ");
        assertThat(r.out()).doesNotContain("annotations");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void tamperedAnnotations_areDetected_byVerifyAndReplay() throws Exception {
        Path t = Recordings.copy(Recordings.shared(), dir);
        Recording rec = Recording.load(t);
        Annotations.append(rec, "findInstance", "found in sa-east-1 as expected", "alice", Clock.systemUTC());
        Annotations.append(rec, "deactivateKey", "fine", "alice", Clock.systemUTC());
        Path notes = Annotations.fileFor(t);
        List<String> lines = Files.readAllLines(notes);
        lines.set(1, lines.get(1).replace("as expected", "unexpectedly"));
        Files.write(notes, lines, StandardCharsets.UTF_8);

        Recordings.Run verify = Recordings.main("transcript", "verify", t.toString());
        assertThat(verify.code()).isEqualTo(3);
        assertThat(verify.out()).startsWith("OK: "); // the transcript itself still verifies
        assertThat(verify.err()).contains("annotations: BROKEN: line 2 (seq 1): modified");

        Recordings.Run replay = Recordings.main("replay", t.toString(), "--no-wait");
        assertThat(replay.code()).isEqualTo(3);
        assertThat(replay.out()).contains("✖ annotations: BROKEN");

        Recordings.Run more = Recordings.main("transcript", "annotate", t.toString(), "--text", "more");
        assertThat(more.code()).isEqualTo(2);
        assertThat(more.err()).contains("cannot annotate: annotations: BROKEN");
    }

    @Test
    void annotationsOfAnotherVersionOfTheTranscript_areReported() throws Exception {
        Path t = Recordings.copy(Recordings.shared(), dir);
        Annotations.append(Recording.load(t), null, "reviewed", "alice", Clock.systemUTC());
        // the seal removed: the chain still verifies as far as it goes, but it is not the record that was annotated
        List<String> lines = Files.readAllLines(t);
        Files.write(t, lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);

        Annotations.Check c = Annotations.check(t);
        assertThat(c.status()).isEqualTo(Annotations.Status.OTHER_TRANSCRIPT);
        assertThat(c.describe()).contains("the transcript changed after it was annotated");
        Recordings.Run verify = Recordings.main("--output", "json", "transcript", "verify", t.toString());
        assertThat(verify.code()).isEqualTo(3);
        assertThat(verify.out()).contains("\"status\" : \"other_transcript\"");
    }

    @Test
    void annotate_unknownStep_andNoText_areUsageErrors() {
        Path t = Recordings.copy(Recordings.shared(), dir);
        Recordings.Run r = Recordings.main("transcript", "annotate", t.toString(), "--step", "nope", "--text", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no step 'nope' in this recording; its steps are: findInstance");
        assertThat(Recordings.main("transcript", "annotate", t.toString(), "--step", "findInstance").code()).isEqualTo(2);
        assertThat(Annotations.fileFor(t)).doesNotExist();
    }
}
