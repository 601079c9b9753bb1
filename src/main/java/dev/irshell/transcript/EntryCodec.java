package dev.irshell.transcript;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The line format, both ways: one entry to compact JSON bytes, and one line back to an entry. */
final class EntryCodec {
    static final List<String> FIELDS = List.of("seq", "ts", "type", "data", "prev");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern TS_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Pattern HASH_SHAPE = Pattern.compile("[0-9a-f]{64}");

    private EntryCodec() {}

    /** A line that is not a valid entry; the message says what is wrong, without the line number. */
    static final class BadLine extends Exception {
        BadLine(String message) {
            super(message);
        }
    }

    static byte[] encode(long seq, Instant ts, String type, ObjectNode data, String prev) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("seq", seq);
        line.put("ts", formatTs(ts));
        line.put("type", type);
        line.set("data", data);
        line.put("prev", prev);
        try {
            return MAPPER.writeValueAsBytes(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String formatTs(Instant ts) {
        return TS.format(ts.truncatedTo(ChronoUnit.MILLIS));
    }

    static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    /** Parses one line (without its newline) into an entry, checking shape and field types. */
    static TranscriptEntry decode(byte[] line) throws BadLine {
        if (line.length == 0) {
            throw new BadLine("empty line (not a JSON entry)");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadLine("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadLine("not valid JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadLine("not a JSON object");
        }
        if (line[line.length - 1] == '\r') {
            throw new BadLine("ends with a carriage return (CRLF line ending): the file was rewritten");
        }
        if (line[0] != '{' || line[line.length - 1] != '}') {
            throw new BadLine("has extra characters around the JSON object");
        }
        checkFieldNames(node);
        JsonNode seq = node.get("seq");
        if (!seq.isIntegralNumber() || !seq.canConvertToLong() || seq.longValue() < 0) {
            throw new BadLine("'seq' must be a non-negative integer but is " + seq);
        }
        Instant ts = parseTs(node.get("ts"));
        JsonNode type = node.get("type");
        if (!type.isTextual() || type.textValue().isEmpty()) {
            throw new BadLine("'type' must be a non-empty string but is " + type);
        }
        JsonNode data = node.get("data");
        if (!data.isObject()) {
            throw new BadLine("'data' must be an object but is " + data.getNodeType().toString().toLowerCase());
        }
        JsonNode prev = node.get("prev");
        if (!prev.isTextual() || !HASH_SHAPE.matcher(prev.textValue()).matches()) {
            throw new BadLine("'prev' must be 64 lowercase hex digits but is " + prev);
        }
        return new TranscriptEntry(seq.longValue(), ts, type.textValue(), (ObjectNode) data, prev.textValue(),
                new String(line, StandardCharsets.UTF_8));
    }

    private static void checkFieldNames(JsonNode node) throws BadLine {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (String name : FIELDS) {
            if (!names.contains(name)) {
                throw new BadLine("missing field '" + name + "'");
            }
        }
        for (String name : names) {
            if (!FIELDS.contains(name)) {
                throw new BadLine("unexpected field '" + name + "'");
            }
        }
        if (!names.equals(FIELDS)) {
            throw new BadLine("fields out of order: expected " + String.join(", ", FIELDS)
                    + " but found " + String.join(", ", names));
        }
    }

    private static Instant parseTs(JsonNode ts) throws BadLine {
        if (!ts.isTextual() || !TS_SHAPE.matcher(ts.textValue()).matches()) {
            throw new BadLine("'ts' must be a UTC timestamp like 2026-11-21T20:15:03.123Z but is " + ts);
        }
        try {
            return Instant.parse(ts.textValue());
        } catch (RuntimeException e) {
            throw new BadLine("'ts' is not a real point in time: " + ts);
        }
    }
}
