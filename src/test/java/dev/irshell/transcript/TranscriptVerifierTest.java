package dev.irshell.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.irshell.testsupport.TestClock;
import dev.irshell.transcript.VerifyResult.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each test starts from a real sealed transcript of 10 lines (line k holds seq k-1: a header,
 * eight notes with data {"i":k-1}, the seal at line 10), tampers with it as an attacker or an
 * accident would, and checks the verdict, the line blamed and the words used.
 */
class TranscriptVerifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path file;
    private List<String> lines;
    private String sealDigest;

    @BeforeEach
    void writeSealedTranscript() throws Exception {
        file = dir.resolve("transcript.jsonl");
        TestClock clock = new TestClock("2026-11-21T20:15:03.123Z");
        try (TranscriptWriter writer = TranscriptWriter.create(file, new Redactor(), clock)) {
            writer.append("header", JSON.createObjectNode().put("runbook", "ir-01"));
            for (int i = 1; i <= 8; i++) {
                clock.advance(Duration.ofSeconds(1));
                writer.append("note", JSON.createObjectNode().put("i", i));
            }
            clock.advance(Duration.ofSeconds(1));
            sealDigest = writer.seal();
        }
        lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        assertThat(lines).hasSize(10);
    }

    /** Line number (1-based) to text. */
    private String line(int number) {
        return lines.get(number - 1);
    }

    private VerifyResult verifyLines(List<String> content) throws Exception {
        Files.writeString(file, String.join("\n", content) + "\n", StandardCharsets.UTF_8);
        return TranscriptVerifier.verify(file);
    }

    private static String entry(long seq, String ts, String type, String data, String prev) {
        return "{\"seq\":" + seq + ",\"ts\":\"" + ts + "\",\"type\":\"" + type + "\",\"data\":" + data
                + ",\"prev\":\"" + prev + "\"}";
    }

    private static String tsOf(String line) throws Exception {
        return JSON.readTree(line).get("ts").asText();
    }

    private static void assertBroken(VerifyResult result, long line, String problem) {
        assertThat(result.problem()).isEqualTo(problem);
        assertThat(result.status()).isEqualTo(Status.BROKEN);
        assertThat(result.brokenAtLine()).isEqualTo(line);
        assertThat(result.entries()).isEqualTo(line - 1);
        assertThat(result.ok()).isFalse();
        assertThat(result.finalHash()).isNull();
    }

    // --- intact -------------------------------------------------------------------------------

    @Test
    void verify_intactSealedTranscript_isOkWithTheSealLineAsFinalDigest() {
        VerifyResult result = TranscriptVerifier.verify(file);

        assertThat(result.status()).isEqualTo(Status.OK);
        assertThat(result.ok()).isTrue();
        assertThat(result.entries()).isEqualTo(10);
        assertThat(result.finalHash()).isEqualTo(Sha.of(line(10))).isEqualTo(sealDigest);
        assertThat(result.brokenAtLine()).isZero();
        assertThat(result.problem()).isNull();
        assertThat(result.describe()).isEqualTo("OK: 10 entries, sealed, final digest " + Sha.of(line(10)));
    }

    @Test
    void verify_chainBuiltIndependentlyByHand_isOk() throws Exception {
        List<String> hand = new ArrayList<>();
        hand.add(entry(0, "2026-01-01T00:00:00.000Z", "header", "{\"who\":\"ünïcödé\"}", Sha.ZEROS));
        hand.add(entry(1, "2026-01-01T00:00:00.000Z", "step.start", "{\"id\":\"s1\"}", Sha.of(hand.get(0))));
        hand.add(entry(2, "2026-01-01T00:00:01.500Z", "aws.call", "{\"op\":\"GetCallerIdentity\"}", Sha.of(hand.get(1))));
        hand.add(entry(3, "2026-01-01T00:00:02.000Z", "seal",
                "{\"entries\":3,\"lastHash\":\"" + Sha.of(hand.get(2)) + "\"}", Sha.of(hand.get(2))));

        VerifyResult result = verifyLines(hand);

        assertThat(result.describe()).isEqualTo("OK: 4 entries, sealed, final digest " + Sha.of(hand.get(3)));
    }

    // --- modified -----------------------------------------------------------------------------

    @Test
    void verify_modifiedData_blamesTheModifiedLine() throws Exception {
        lines.set(6, line(7).replace("{\"i\":6}", "{\"i\":66}"));

        VerifyResult result = verifyLines(lines);

        assertBroken(result, 7, "line 7 (seq 6): modified — its hash no longer matches the 'prev' recorded by line 8");
        assertThat(result.describe()).isEqualTo("BROKEN: line 7 (seq 6): modified — its hash no longer matches the "
                + "'prev' recorded by line 8\nlines 1-6 verify; treat line 7 and everything after it as untrusted");
    }

    @Test
    void verify_modifiedFirstLine_blamesLineOne() throws Exception {
        lines.set(0, line(1).replace("ir-01", "ir-02"));

        assertBroken(verifyLines(lines), 1,
                "line 1 (seq 0): modified — its hash no longer matches the 'prev' recorded by line 2");
    }

    @Test
    void verify_modifiedLineBeforeSeal_isToldApartFromAModifiedSeal() throws Exception {
        lines.set(8, line(9).replace("{\"i\":8}", "{\"i\":9}"));

        assertBroken(verifyLines(lines), 9,
                "line 9 (seq 8): modified — its hash no longer matches the 'prev' recorded by line 10");
    }

    @Test
    void verify_modifiedTimestamp_isAModification() throws Exception {
        lines.set(4, line(5).replace(tsOf(line(5)), "2026-11-21T20:15:07.999Z"));

        assertBroken(verifyLines(lines), 5,
                "line 5 (seq 4): modified — its hash no longer matches the 'prev' recorded by line 6");
    }

    @Test
    void verify_modifiedPrev_blamesTheLineWhosePrevChanged() throws Exception {
        lines.set(6, line(7).replace(Sha.of(line(6)), Sha.of("something else")));

        assertBroken(verifyLines(lines), 7, "line 7 (seq 6): modified — its 'prev' does not match the hash of line 6, "
                + "and its own hash no longer matches the 'prev' recorded by line 8");
    }

    @Test
    void verify_modifiedPrevOfFirstLine_saysItShouldBeZeros() throws Exception {
        lines.set(0, line(1).replace(Sha.ZEROS, "1" + Sha.ZEROS.substring(1)));

        assertBroken(verifyLines(lines), 1, "line 1 (seq 0): modified — its 'prev' should be 64 zeros for the first "
                + "entry, and its own hash no longer matches the 'prev' recorded by line 2");
    }

    @Test
    void verify_modifiedPrevOfSeal_blamesTheSealNotTheLineBefore() throws Exception {
        lines.set(9, line(10).replace("\"prev\":\"" + Sha.of(line(9)), "\"prev\":\"" + Sha.of("x")));

        assertBroken(verifyLines(lines), 10,
                "line 10 (seq 9): modified — its 'prev' does not match the hash of line 9 (its 'lastHash' still does)");
    }

    @Test
    void verify_alteredSeqAlone_saysTheSeqWasAltered() throws Exception {
        lines.set(6, line(7).replace("\"seq\":6,", "\"seq\":60,"));

        assertBroken(verifyLines(lines), 7,
                "line 7: expected seq 6 but found seq 60 — its seq was altered (its 'prev' links it to line 6)");
    }

    // --- deleted ------------------------------------------------------------------------------

    @Test
    void verify_deletedEntry_isReportedAtTheLineAfterTheGap() throws Exception {
        lines.remove(6);

        assertBroken(verifyLines(lines), 7, "line 7: expected seq 6 but found seq 7 — an entry was deleted before it");
    }

    @Test
    void verify_severalDeletedEntries_countsThem() throws Exception {
        lines.subList(3, 6).clear();

        assertBroken(verifyLines(lines), 4, "line 4: expected seq 3 but found seq 6 — 3 entries were deleted before it");
    }

    @Test
    void verify_deletedHeader_isReportedAtLineOne() throws Exception {
        lines.remove(0);

        assertBroken(verifyLines(lines), 1, "line 1: expected seq 0 but found seq 1 — an entry was deleted before it");
    }

    // --- inserted -----------------------------------------------------------------------------

    @Test
    void verify_insertedEntryWithPlausibleSeqAndPrev_isFoundBecauseTheNextLineSkipsIt() throws Exception {
        lines.add(6, entry(6, tsOf(line(7)), "note", "{\"i\":99}", Sha.of(line(6))));

        assertBroken(verifyLines(lines), 7, "line 7: an entry was inserted — seq 6 appears twice");
    }

    @Test
    void verify_insertedEntryWithGarbagePrev_isStillAnInsertion() throws Exception {
        lines.add(6, entry(6, tsOf(line(7)), "note", "{\"i\":99}", Sha.of("garbage")));

        assertBroken(verifyLines(lines), 7, "line 7: an entry was inserted — seq 6 appears twice");
    }

    @Test
    void verify_insertedEntryAfterTheOneItCopiesTheSeqOf_blamesTheInterloper() throws Exception {
        lines.add(7, entry(6, tsOf(line(7)), "note", "{\"i\":99}", Sha.of(line(6))));

        assertBroken(verifyLines(lines), 8, "line 8: an entry was inserted — line 9 links past it to line 7");
    }

    @Test
    void verify_twoChainedInsertedEntries_areReportedAsARun() throws Exception {
        String first = entry(6, tsOf(line(7)), "note", "{\"i\":98}", Sha.of(line(6)));
        String second = entry(7, tsOf(line(7)), "note", "{\"i\":99}", Sha.of(first));
        lines.add(6, first);
        lines.add(7, second);

        assertBroken(verifyLines(lines), 7, "line 7: 2 entries were inserted (lines 7-8) — line 9 links past them to line 6");
    }

    @Test
    void verify_insertedBeforeTheHeader_isFoundAtLineOne() throws Exception {
        lines.add(0, entry(0, tsOf(line(1)), "header", "{\"runbook\":\"fake\"}", Sha.ZEROS));

        assertBroken(verifyLines(lines), 1, "line 1: an entry was inserted — seq 0 appears twice");
    }

    @Test
    void verify_insertedEntryWithFollowingSeqsRenumbered_saysSo() throws Exception {
        List<String> tampered = new ArrayList<>(lines.subList(0, 6));
        tampered.add(entry(6, tsOf(line(7)), "note", "{\"i\":99}", Sha.of(line(6))));
        for (int n = 7; n <= 10; n++) {
            tampered.add(line(n).replace("\"seq\":" + (n - 1) + ",", "\"seq\":" + n + ","));
        }

        assertBroken(verifyLines(tampered), 7, "line 7: an entry was inserted or moved here — line 8 links past it "
                + "to line 6, and its seq was rewritten to 7");
    }

    @Test
    void verify_strayEntryWithLowSeqAtTheEnd_saysReorderedOrInserted() throws Exception {
        List<String> tampered = new ArrayList<>(lines.subList(0, 9));
        tampered.add(entry(5, tsOf(line(9)), "note", "{}", Sha.of("nowhere")));

        assertBroken(verifyLines(tampered), 10,
                "line 10: expected seq 9 but found seq 5 — entries were reordered or one was inserted");
    }

    @Test
    void verify_entryClaimingAnEarlierSeqAndItsPredecessor_isAnInsertion() throws Exception {
        List<String> tampered = new ArrayList<>(lines.subList(0, 9));
        tampered.add(entry(5, tsOf(line(9)), "note", "{\"i\":55}", Sha.of(line(5))));

        assertBroken(verifyLines(tampered), 10, "line 10: an entry was inserted — seq 5 appears twice (first at line 6)");
    }

    // --- reordered ----------------------------------------------------------------------------

    @Test
    void verify_swappedNeighbours_isReorderNotDeletionOrInsertion() throws Exception {
        String five = line(5);
        lines.set(4, line(6));
        lines.set(5, five);

        assertBroken(verifyLines(lines), 5, "line 5: expected seq 4 but found seq 5 — entries were reordered (seq 4 is at line 6)");
    }

    @Test
    void verify_entryMovedLater_isReorder() throws Exception {
        String three = lines.remove(2);
        lines.add(7, three);

        assertBroken(verifyLines(lines), 3, "line 3: expected seq 2 but found seq 3 — entries were reordered (seq 2 is at line 8)");
    }

    @Test
    void verify_entryMovedEarlier_isReorder() throws Exception {
        String eight = lines.remove(7);
        lines.add(2, eight);

        assertBroken(verifyLines(lines), 3, "line 3: expected seq 2 but found seq 7 — entries were reordered (seq 2 is at line 4)");
    }

    // --- duplicated ---------------------------------------------------------------------------

    @Test
    void verify_duplicatedNeighbour_isNamedAsCopy() throws Exception {
        lines.add(5, line(5));

        assertBroken(verifyLines(lines), 6, "line 6: an entry was duplicated — it is an identical copy of line 5 (seq 4)");
    }

    @Test
    void verify_distantDuplicate_isNamedAsCopy() throws Exception {
        lines.add(9, line(2));

        assertBroken(verifyLines(lines), 10, "line 10: an entry was duplicated — it is an identical copy of line 2 (seq 1)");
    }

    // --- cut off / unsealed -------------------------------------------------------------------

    @Test
    void verify_lastLineCutOffMidWrite_isUnsealedWithIntactPrefix() throws Exception {
        String content = String.join("\n", lines.subList(0, 9)) + "\n" + line(10).substring(0, 40);
        Files.writeString(file, content, StandardCharsets.UTF_8);

        VerifyResult result = TranscriptVerifier.verify(file);

        assertThat(result.status()).isEqualTo(Status.UNSEALED);
        assertThat(result.entries()).isEqualTo(9);
        assertThat(result.finalHash()).isEqualTo(Sha.of(line(9)));
        assertThat(result.brokenAtLine()).isEqualTo(10);
        assertThat(result.problem()).isEqualTo("line 10: last line is incomplete (cut off mid-write)");
        assertThat(result.describe()).isEqualTo("UNSEALED: chain intact for 9 entries, but the session was never sealed "
                + "(cut off after seq 8)\nline 10: last line is incomplete (cut off mid-write)");
    }

    @Test
    void verify_cutOffMidWriteWithEarlierDamage_isBrokenAtTheDamage() throws Exception {
        lines.set(2, line(3).replace("{\"i\":2}", "{\"i\":3}"));
        String content = String.join("\n", lines.subList(0, 9)) + "\n" + line(10).substring(0, 40);
        Files.writeString(file, content, StandardCharsets.UTF_8);

        assertBroken(TranscriptVerifier.verify(file), 3,
                "line 3 (seq 2): modified — its hash no longer matches the 'prev' recorded by line 4");
    }

    @Test
    void verify_truncatedAtALineBoundary_looksUnsealed() throws Exception {
        VerifyResult result = verifyLines(lines.subList(0, 9));

        assertThat(result.status()).isEqualTo(Status.UNSEALED);
        assertThat(result.entries()).isEqualTo(9);
        assertThat(result.finalHash()).isEqualTo(Sha.of(line(9)));
        assertThat(result.brokenAtLine()).isZero();
        assertThat(result.problem()).isEqualTo("chain intact for 9 entries, but the session was never sealed (cut off after seq 8)");
    }

    @Test
    void verify_writerClosedWithoutSeal_isUnsealed() throws Exception {
        Path cut = dir.resolve("cut/transcript.jsonl");
        try (TranscriptWriter writer = TranscriptWriter.create(cut, new Redactor(), new TestClock("2026-11-21T20:15:03Z"))) {
            for (int i = 0; i < 57; i++) {
                writer.append(i == 0 ? "header" : "note", null);
            }
        }

        VerifyResult result = TranscriptVerifier.verify(cut);

        assertThat(result.describe()).isEqualTo(
                "UNSEALED: chain intact for 57 entries, but the session was never sealed (cut off after seq 56)");
        assertThat(result.ok()).isFalse();
    }

    @Test
    void verify_onlyAnIncompleteFirstLine_isUnsealedWithNoEntries() throws Exception {
        Files.writeString(file, line(1).substring(0, 20), StandardCharsets.UTF_8);

        VerifyResult result = TranscriptVerifier.verify(file);

        assertThat(result.status()).isEqualTo(Status.UNSEALED);
        assertThat(result.entries()).isZero();
        assertThat(result.finalHash()).isEqualTo(Sha.ZEROS);
        assertThat(result.describe()).isEqualTo("UNSEALED: chain intact for 0 entries, but the session was never sealed "
                + "(cut off before the first entry)\nline 1: last line is incomplete (cut off mid-write)");
    }

    // --- seal ---------------------------------------------------------------------------------

    @Test
    void verify_entryAppendedAfterTheSeal_isBroken() throws Exception {
        lines.add(entry(10, tsOf(line(10)), "note", "{\"late\":true}", Sha.of(line(10))));

        assertBroken(verifyLines(lines), 11, "line 11: found after the seal on line 10 — nothing may follow a seal");
    }

    @Test
    void verify_partialLineAfterTheSeal_isBroken() throws Exception {
        Files.writeString(file, String.join("\n", lines) + "\n{\"seq\":10,", StandardCharsets.UTF_8);

        assertBroken(TranscriptVerifier.verify(file), 11,
                "line 11: found after the seal on line 10 — nothing may follow a seal (and the line is incomplete)");
    }

    @Test
    void verify_sealWithWrongCount_isBroken() throws Exception {
        lines.set(9, line(10).replace("\"entries\":9", "\"entries\":12"));

        assertBroken(verifyLines(lines), 10, "line 10 (seq 9): seal is wrong — it records 12 entries but 9 precede it");
    }

    @Test
    void verify_sealWithWrongLastHash_isBroken() throws Exception {
        String wrong = Sha.of("not line 9");
        lines.set(9, line(10).replace("\"lastHash\":\"" + Sha.of(line(9)), "\"lastHash\":\"" + wrong));

        assertBroken(verifyLines(lines), 10, "line 10 (seq 9): seal is wrong — its 'lastHash' " + wrong
                + " does not match the hash of line 9 (" + Sha.of(line(9)) + ")");
    }

    @Test
    void verify_sealAfterDeletedEntries_isReportedAsDeletionFirst() throws Exception {
        lines.remove(8);

        assertBroken(verifyLines(lines), 9, "line 9: expected seq 8 but found seq 9 — an entry was deleted before it");
    }

    // --- not a transcript ---------------------------------------------------------------------

    @Test
    void verify_emptyFile_isBroken() throws Exception {
        Files.write(file, new byte[0]);

        VerifyResult result = TranscriptVerifier.verify(file);

        assertBroken(result, 1, "line 1: the file is empty — not even a header was written");
        assertThat(result.describe()).endsWith("\nnothing in this file can be trusted");
    }

    @Test
    void verify_nonJsonLine_namesTheLine() throws Exception {
        lines.set(2, "garbage here");

        VerifyResult result = verifyLines(lines);

        assertThat(result.status()).isEqualTo(Status.BROKEN);
        assertThat(result.brokenAtLine()).isEqualTo(3);
        assertThat(result.problem()).startsWith("line 3: not valid JSON: Unrecognized token 'garbage'");
    }

    @Test
    void verify_blankLine_namesTheLine() throws Exception {
        lines.add(3, "");

        assertBroken(verifyLines(lines), 4, "line 4: empty line (not a JSON entry)");
    }

    @Test
    void verify_wrongFieldType_namesTheFieldAndLine() throws Exception {
        lines.set(3, line(4).replace("\"data\":{\"i\":3}", "\"data\":[3]"));

        assertBroken(verifyLines(lines), 4, "line 4: 'data' must be an object but is array");
    }

    @Test
    void verify_crlfLineEndings_areReportedAsRewritten() throws Exception {
        Files.writeString(file, String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);

        assertBroken(TranscriptVerifier.verify(file), 1,
                "line 1: ends with a carriage return (CRLF line ending): the file was rewritten");
    }

    @Test
    void verify_timeGoingBackwardsInAnOtherwiseValidChain_isBroken() throws Exception {
        List<String> hand = new ArrayList<>();
        hand.add(entry(0, "2026-01-01T00:00:05.000Z", "header", "{}", Sha.ZEROS));
        hand.add(entry(1, "2026-01-01T00:00:06.000Z", "note", "{}", Sha.of(hand.get(0))));
        hand.add(entry(2, "2026-01-01T00:00:04.000Z", "note", "{}", Sha.of(hand.get(1))));

        assertBroken(verifyLines(hand), 3, "line 3 (seq 2): its timestamp 2026-01-01T00:00:04.000Z is earlier than "
                + "2026-01-01T00:00:06.000Z on line 2 — time went backwards");
    }

    @Test
    void verify_missingFile_isBrokenWithTheIoReason() {
        Path missing = dir.resolve("nope.jsonl");

        VerifyResult result = TranscriptVerifier.verify(missing);

        assertThat(result.status()).isEqualTo(Status.BROKEN);
        assertThat(result.brokenAtLine()).isZero();
        assertThat(result.problem()).isEqualTo("cannot read " + missing + ": no such file");
        assertThat(result.describe()).isEqualTo("BROKEN: cannot read " + missing + ": no such file");
    }

    @Test
    void verify_directoryInsteadOfFile_isBrokenWithTheIoMessage() {
        VerifyResult result = TranscriptVerifier.verify(dir);

        assertThat(result.status()).isEqualTo(Status.BROKEN);
        assertThat(result.problem()).startsWith("cannot read " + dir + ": ");
    }

    // --- robustness ---------------------------------------------------------------------------

    @Test
    void verify_anySingleByteChange_neverThrowsAndNeverPassesAsTheOriginal() throws Exception {
        byte[] original = Files.readAllBytes(file);
        Random random = new Random(20261121);
        for (int round = 0; round < 400; round++) {
            byte[] bytes = original.clone();
            int at = random.nextInt(bytes.length);
            byte replacement = (byte) random.nextInt(256);
            if (replacement == bytes[at]) {
                continue;
            }
            bytes[at] = replacement;
            Files.write(file, bytes);

            VerifyResult result = TranscriptVerifier.verify(file);

            assertThat(result.describe()).as("byte %d set to %d", at, replacement).isNotBlank();
            if (result.ok()) {
                // only the seal line itself can change without breaking the chain, and then the digest shows it
                assertThat(at).isGreaterThan(original.length - line(10).length() - 2);
                assertThat(result.finalHash()).isNotEqualTo(sealDigest);
            }
        }
    }

    @Test
    void verify_randomCutsAndSplices_neverThrow() throws Exception {
        byte[] original = Files.readAllBytes(file);
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            int from = random.nextInt(original.length);
            int to = from + random.nextInt(original.length - from);
            int insertAt = random.nextInt(original.length);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.write(original, 0, insertAt);
            out.write(original, from, to - from);
            out.write(original, insertAt, original.length - insertAt);
            Files.write(file, out.toByteArray());

            VerifyResult result = TranscriptVerifier.verify(file);

            assertThat(result.status()).isNotNull();
            assertThat(result.describe()).isNotBlank();
        }
    }
}
