package dev.irshell.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.testsupport.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock("2026-11-21T20:15:03.123456789Z");

    private TranscriptWriter newWriter() throws Exception {
        return TranscriptWriter.create(dir.resolve("transcript.jsonl"), new Redactor(), clock);
    }

    private static ObjectNode obj(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    }

    private List<String> lines() throws Exception {
        return Files.readAllLines(dir.resolve("transcript.jsonl"), StandardCharsets.UTF_8);
    }

    @Test
    void append_writesCompactLineWithFieldsInContractOrder() throws Exception {
        try (TranscriptWriter writer = newWriter()) {
            long seq = writer.append("header", obj("{'runbook':'ir-01','operator':'alice'}"));

            assertThat(seq).isZero();
        }
        assertThat(lines()).containsExactly("{\"seq\":0,\"ts\":\"2026-11-21T20:15:03.123Z\",\"type\":\"header\","
                + "\"data\":{\"runbook\":\"ir-01\",\"operator\":\"alice\"},\"prev\":\"" + Sha.ZEROS + "\"}");
    }

    @Test
    void append_chainsEachLineToTheSha256OfThePreviousLine() throws Exception {
        try (TranscriptWriter writer = newWriter()) {
            writer.append("header", obj("{}"));
            writer.append("note", obj("{'text':'ünïcödé ✓ and \\\"quotes\\\"'}"));
            writer.append("note", obj("{'n':3}"));
        }
        List<String> lines = lines();
        assertThat(lines).hasSize(3);
        String expectedPrev = Sha.ZEROS;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode entry = JSON.readTree(lines.get(i));
            assertThat(entry.get("seq").asLong()).isEqualTo(i);
            assertThat(entry.get("prev").asText()).as("prev of line %d", i + 1).isEqualTo(expectedPrev);
            expectedPrev = Sha.of(lines.get(i));
        }
    }

    @Test
    void append_keepsNonAsciiAsUtf8AndNeverSplitsALine() throws Exception {
        try (TranscriptWriter writer = newWriter()) {
            writer.append("note", obj("{'text':'line one\\nline two ✓'}"));
        }
        byte[] bytes = Files.readAllBytes(dir.resolve("transcript.jsonl"));
        String text = new String(bytes, StandardCharsets.UTF_8);

        assertThat(text).endsWith("}\n").contains("line one\\nline two ✓");
        assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test
    void append_takesTimeFromTheClock_inUtcWithExactlyMilliseconds() throws Exception {
        try (TranscriptWriter writer = newWriter()) {
            writer.append("a", null);
            clock.set("2026-11-21T21:00:00Z");
            writer.append("b", null);
            clock.advance(Duration.ofNanos(999_999));
            writer.append("c", null);
        }
        assertThat(lines()).extracting(l -> JSON.readTree(l).get("ts").asText())
                .containsExactly("2026-11-21T20:15:03.123Z", "2026-11-21T21:00:00.000Z", "2026-11-21T21:00:00.000Z");
    }

    @Test
    void append_whenClockStepsBack_reusesThePreviousTimestamp() throws Exception {
        try (TranscriptWriter writer = newWriter()) {
            writer.append("a", null);
            clock.set("2026-11-21T20:00:00Z");
            writer.append("b", null);
        }
        assertThat(lines()).extracting(l -> JSON.readTree(l).get("ts").asText())
                .containsExactly("2026-11-21T20:15:03.123Z", "2026-11-21T20:15:03.123Z");
    }

    @Test
    void append_withNullData_writesEmptyObject() throws Exception {
        try (TranscriptWriter writer = newWriter()) {
            writer.append("note", null);
        }
        assertThat(JSON.readTree(lines().get(0)).get("data")).isEqualTo(obj("{}"));
    }

    @Test
    void append_redactsDataBeforeWriting_withoutChangingTheCallersObject() throws Exception {
        Redactor redactor = new Redactor();
        redactor.addSecret("N3wP@ssw0rd-2026");
        ObjectNode data = obj("{'user':'bob','password':'N3wP@ssw0rd-2026','msg':'set to N3wP@ssw0rd-2026',"
                + "'AccessKeyId':'AKIAIOSFODNN7EXAMPLE'}");
        try (TranscriptWriter writer = TranscriptWriter.create(dir.resolve("transcript.jsonl"), redactor, clock)) {
            writer.append("aws.call", data);
            assertThat(writer.redactor()).isSameAs(redactor);
        }

        assertThat(JSON.readTree(lines().get(0)).get("data")).isEqualTo(obj("{'user':'bob','password':'[REDACTED]',"
                + "'msg':'set to [REDACTED]','AccessKeyId':'AKIAIOSFODNN7EXAMPLE'}"));
        assertThat(data.get("password").asText()).isEqualTo("N3wP@ssw0rd-2026");
        assertThat(String.join("\n", lines())).doesNotContain("N3wP@ssw0rd-2026");
    }

    @Test
    void append_lineIsOnDiskForASecondReaderAsSoonAsItReturns() throws Exception {
        try (TranscriptWriter writer = newWriter()) {
            writer.append("header", obj("{'k':1}"));
            assertThat(lines()).hasSize(1);

            writer.append("note", obj("{'k':2}"));
            List<String> seen = lines();
            assertThat(seen).hasSize(2);
            assertThat(JSON.readTree(seen.get(1)).get("data")).isEqualTo(obj("{'k':2}"));
        }
    }

    @Test
    void countAndLastHash_followTheLinesWritten() throws Exception {
        try (TranscriptWriter writer = newWriter()) {
            assertThat(writer.count()).isZero();
            assertThat(writer.lastHash()).isEqualTo(Sha.ZEROS);

            writer.append("header", null);
            writer.append("note", null);

            assertThat(writer.count()).isEqualTo(2);
            assertThat(writer.lastHash()).isEqualTo(Sha.of(lines().get(1)));
            assertThat(writer.file()).isEqualTo(dir.resolve("transcript.jsonl"));
        }
    }

    @Test
    void seal_appendsSealWithCountAndLastHash_andReturnsTheSealLineHash() throws Exception {
        String digest;
        try (TranscriptWriter writer = newWriter()) {
            writer.append("header", null);
            writer.append("note", null);
            digest = writer.seal();
            assertThat(writer.sealed()).isTrue();
            assertThat(writer.count()).isEqualTo(3);
            assertThat(writer.lastHash()).isEqualTo(digest);
        }
        List<String> lines = lines();
        JsonNode seal = JSON.readTree(lines.get(2));
        assertThat(seal.get("type").asText()).isEqualTo("seal");
        assertThat(seal.get("seq").asLong()).isEqualTo(2);
        assertThat(seal.get("data")).isEqualTo(obj("{'entries':2,'lastHash':'" + Sha.of(lines.get(1)) + "'}"));
        assertThat(seal.get("prev").asText()).isEqualTo(Sha.of(lines.get(1)));
        assertThat(digest).isEqualTo(Sha.of(lines.get(2)));
    }

    @Test
    void append_afterSeal_throwsIllegalState() throws Exception {
        try (TranscriptWriter writer = newWriter()) {
            writer.append("header", null);
            writer.seal();

            assertThatThrownBy(() -> writer.append("note", null)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("sealed");
            assertThatThrownBy(writer::seal).isInstanceOf(IllegalStateException.class);
        }
        assertThat(lines()).hasSize(2);
    }

    @Test
    void append_afterClose_throwsIllegalState_andCloseIsIdempotent() throws Exception {
        TranscriptWriter writer = newWriter();
        writer.append("header", null);
        writer.close();
        writer.close();

        assertThatThrownBy(() -> writer.append("note", null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(writer::seal).isInstanceOf(IllegalStateException.class);
        assertThat(writer.sealed()).isFalse();
        assertThat(lines()).hasSize(1);
    }

    @Test
    void append_ofTypeSeal_isRefused() throws Exception {
        try (TranscriptWriter writer = newWriter()) {
            assertThatThrownBy(() -> writer.append("seal", null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.append(" ", null)).isInstanceOf(IllegalArgumentException.class);
            assertThat(writer.count()).isZero();
        }
        assertThat(lines()).isEmpty();
    }

    @Test
    void create_failsWhenTheFileAlreadyExists() throws Exception {
        Path file = Files.writeString(dir.resolve("transcript.jsonl"), "keep me\n");

        assertThatThrownBy(() -> TranscriptWriter.create(file, new Redactor(), clock))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("keep me\n");
    }

    @Test
    void create_makesMissingDirsOwnerOnly_andTheFileOwnerReadWriteOnly() throws Exception {
        Path file = dir.resolve("evidence/case-7/transcript.jsonl");

        try (TranscriptWriter writer = TranscriptWriter.create(file, new Redactor(), clock)) {
            writer.append("header", null);
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("evidence"))))
                .isEqualTo("rwx------");
    }

    @Test
    void append_fromManyThreads_keepsAValidChain() throws Exception {
        int threads = 4;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        Set<Long> seqs = new HashSet<>();
        try (TranscriptWriter writer = newWriter()) {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(writer.append("note", JSON.createObjectNode().put("thread", thread).put("i", i)));
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<Long>> f : futures) {
                seqs.addAll(f.get(60, TimeUnit.SECONDS));
            }
            writer.seal();
        } finally {
            pool.shutdownNow();
        }

        assertThat(seqs).hasSize(threads * perThread);
        List<String> lines = lines();
        assertThat(lines).hasSize(threads * perThread + 1);
        String expectedPrev = Sha.ZEROS;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode entry = JSON.readTree(lines.get(i));
            assertThat(entry.get("seq").asLong()).isEqualTo(i);
            assertThat(entry.get("prev").asText()).isEqualTo(expectedPrev);
            expectedPrev = Sha.of(lines.get(i));
        }
        assertThat(TranscriptVerifier.verify(dir.resolve("transcript.jsonl")).ok()).isTrue();
    }
}
