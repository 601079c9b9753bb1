package dev.irshell.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.irshell.testsupport.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TranscriptReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path write(String... lines) throws Exception {
        return Files.writeString(dir.resolve("t.jsonl"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static String line(long seq, String type, String data, String prev) {
        return "{\"seq\":" + seq + ",\"ts\":\"2026-11-21T20:15:03.123Z\",\"type\":\"" + type + "\",\"data\":" + data
                + ",\"prev\":\"" + prev + "\"}";
    }

    @Test
    void read_returnsWhatTheWriterWrote() throws Exception {
        Path file = dir.resolve("transcript.jsonl");
        try (TranscriptWriter writer = TranscriptWriter.create(file, new Redactor(),
                new TestClock("2026-11-21T20:15:03.123Z"))) {
            writer.append("header", JSON.createObjectNode().put("runbook", "ir-01"));
            writer.append("note", JSON.createObjectNode().put("text", "ünïcödé"));
            writer.seal();
        }
        List<String> raw = Files.readAllLines(file);

        List<TranscriptEntry> entries = TranscriptReader.read(file);

        assertThat(entries).extracting(TranscriptEntry::seq).containsExactly(0L, 1L, 2L);
        assertThat(entries).extracting(TranscriptEntry::type).containsExactly("header", "note", "seal");
        assertThat(entries).extracting(TranscriptEntry::line).containsExactlyElementsOf(raw);
        assertThat(entries).extracting(TranscriptEntry::prev).containsExactly(Sha.ZEROS, Sha.of(raw.get(0)), Sha.of(raw.get(1)));
        assertThat(entries.get(0).ts()).isEqualTo(Instant.parse("2026-11-21T20:15:03.123Z"));
        assertThat(entries.get(1).data().get("text").asText()).isEqualTo("ünïcödé");
    }

    @Test
    void readLines_keepsEveryReadableEntry_andNamesTheLinesThatAreNot() throws Exception {
        Path file = dir.resolve("t.jsonl");
        Files.writeString(file, line(0, "header", "{}", Sha.ZEROS) + "\n" + "not json at all\n"
                + line(2, "note", "{\"text\":\"after the damage\"}", Sha.ZEROS) + "\n" + "{\"seq\":3,\"ts\"", StandardCharsets.UTF_8);

        List<TranscriptReader.Line> lines = TranscriptReader.readLines(file);

        assertThat(lines).extracting(TranscriptReader.Line::number).containsExactly(1, 2, 3, 4);
        assertThat(lines.get(0).entry().type()).isEqualTo("header");
        assertThat(lines.get(1).entry()).isNull();
        assertThat(lines.get(1).problem()).startsWith("not valid JSON");
        assertThat(lines.get(2).entry().data().get("text").asText()).isEqualTo("after the damage");
        assertThat(lines.get(3).problem()).startsWith("last line is incomplete (cut off mid-write): ");
        assertThatThrownBy(() -> TranscriptReader.read(file)).isInstanceOf(TranscriptFormatException.class)
                .hasMessageStartingWith("line 2: ");
    }

    @Test
    void read_ofEmptyFile_isEmpty() throws Exception {
        Path file = Files.createFile(dir.resolve("t.jsonl"));

        assertThat(TranscriptReader.read(file)).isEmpty();
    }

    @Test
    void read_doesNotCheckTheChain() throws Exception {
        Path file = write(line(5, "note", "{}", "ab".repeat(32)));

        assertThat(TranscriptReader.read(file)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not json           | hello                                                   | not valid JSON: Unrecognized token 'hello'",
            "array              | [1,2]                                                   | not a JSON object",
            "empty              | ''                                                      | empty line (not a JSON entry)",
            "missing field      | {\"seq\":1,\"ts\":\"2026-11-21T20:15:03.123Z\",\"type\":\"n\",\"data\":{}} | missing field 'prev'",
            "extra field        | {\"seq\":1,\"ts\":\"2026-11-21T20:15:03.123Z\",\"type\":\"n\",\"data\":{},\"prev\":\"PREV\",\"x\":1} | unexpected field 'x'",
            "field order        | {\"ts\":\"2026-11-21T20:15:03.123Z\",\"seq\":1,\"type\":\"n\",\"data\":{},\"prev\":\"PREV\"} | fields out of order: expected seq, ts, type, data, prev but found ts, seq, type, data, prev",
            "duplicate key      | {\"seq\":1,\"seq\":1,\"ts\":\"2026-11-21T20:15:03.123Z\",\"type\":\"n\",\"data\":{},\"prev\":\"PREV\"} | not valid JSON: Duplicate field 'seq'",
            "seq string         | {\"seq\":\"1\",\"ts\":\"2026-11-21T20:15:03.123Z\",\"type\":\"n\",\"data\":{},\"prev\":\"PREV\"} | 'seq' must be a non-negative integer but is \"1\"",
            "seq fraction       | {\"seq\":1.5,\"ts\":\"2026-11-21T20:15:03.123Z\",\"type\":\"n\",\"data\":{},\"prev\":\"PREV\"} | 'seq' must be a non-negative integer but is 1.5",
            "ts no millis       | {\"seq\":1,\"ts\":\"2026-11-21T20:15:03Z\",\"type\":\"n\",\"data\":{},\"prev\":\"PREV\"} | 'ts' must be a UTC timestamp like 2026-11-21T20:15:03.123Z but is \"2026-11-21T20:15:03Z\"",
            "ts offset          | {\"seq\":1,\"ts\":\"2026-11-21T20:15:03.123+01:00\",\"type\":\"n\",\"data\":{},\"prev\":\"PREV\"} | 'ts' must be a UTC timestamp",
            "ts impossible      | {\"seq\":1,\"ts\":\"2026-13-41T20:15:03.123Z\",\"type\":\"n\",\"data\":{},\"prev\":\"PREV\"} | 'ts' is not a real point in time",
            "type empty         | {\"seq\":1,\"ts\":\"2026-11-21T20:15:03.123Z\",\"type\":\"\",\"data\":{},\"prev\":\"PREV\"} | 'type' must be a non-empty string",
            "data array         | {\"seq\":1,\"ts\":\"2026-11-21T20:15:03.123Z\",\"type\":\"n\",\"data\":[],\"prev\":\"PREV\"} | 'data' must be an object but is array",
            "prev upper         | {\"seq\":1,\"ts\":\"2026-11-21T20:15:03.123Z\",\"type\":\"n\",\"data\":{},\"prev\":\"UPPER\"} | 'prev' must be 64 lowercase hex digits",
            "trailing garbage   | {\"seq\":1,\"ts\":\"2026-11-21T20:15:03.123Z\",\"type\":\"n\",\"data\":{},\"prev\":\"PREV\"}x | not valid JSON",
            "leading space      | ' {\"seq\":1,\"ts\":\"2026-11-21T20:15:03.123Z\",\"type\":\"n\",\"data\":{},\"prev\":\"PREV\"}' | has extra characters around the JSON object",
    })
    void read_invalidLine_throwsWithLineNumberAndReason(String name, String bad, String reason) throws Exception {
        String good = line(0, "header", "{}", Sha.ZEROS);
        Path file = write(good, good, bad.replace("UPPER", "AB".repeat(32)).replace("PREV", "ab".repeat(32)), good);

        assertThatThrownBy(() -> TranscriptReader.read(file))
                .isInstanceOfSatisfying(TranscriptFormatException.class, e -> assertThat(e.lineNumber()).isEqualTo(3))
                .hasMessageStartingWith("line 3: " + reason);
    }

    @Test
    void read_crlfLine_isReportedAsRewritten() throws Exception {
        Path file = Files.writeString(dir.resolve("t.jsonl"), line(0, "header", "{}", Sha.ZEROS) + "\r\n");

        assertThatThrownBy(() -> TranscriptReader.read(file))
                .hasMessage("line 1: ends with a carriage return (CRLF line ending): the file was rewritten");
    }

    @Test
    void read_lastLineCutOffMidWrite_throwsNamingIt() throws Exception {
        String good = line(0, "header", "{}", Sha.ZEROS);
        Path file = Files.writeString(dir.resolve("t.jsonl"), good + "\n" + good.substring(0, 30));

        assertThatThrownBy(() -> TranscriptReader.read(file))
                .isInstanceOfSatisfying(TranscriptFormatException.class, e -> assertThat(e.lineNumber()).isEqualTo(2))
                .hasMessageStartingWith("line 2: last line is incomplete (cut off mid-write): not valid JSON");
    }

    @Test
    void read_lastLineWithoutNewlineButComplete_isAccepted() throws Exception {
        Path file = Files.writeString(dir.resolve("t.jsonl"), line(0, "header", "{}", Sha.ZEROS));

        assertThat(TranscriptReader.read(file)).hasSize(1);
    }
}
