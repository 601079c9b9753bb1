package dev.irshell.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.irshell.transcript.TranscriptEntry;
import dev.irshell.transcript.TranscriptReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `transcript export --format cast` against the asciicast v2 format (docs.asciinema.org/manual/asciicast/v2). */
class AsciicastTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void export_isAValidAsciicastV2_withAMarkerAtEachStepStart() throws Exception {
        Path t = Recordings.shared();
        byte[] before = Files.readAllBytes(t);
        Path cast = dir.resolve("session.cast");
        Recordings.Run r = Recordings.main("transcript", "export", t.toString(), "--format", "cast", "--out", cast.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + cast + " (asciicast v2");
        assertThat(Files.readAllBytes(t)).isEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cast))).isEqualTo("rw-------");

        List<String> lines = Files.readAllLines(cast, StandardCharsets.UTF_8);
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : lines) {
            parsed.add(JSON.readTree(line)); // every line is one JSON value
        }
        JsonNode h = parsed.get(0);
        assertThat(h.isObject()).isTrue();
        assertThat(h.get("version").isInt()).isTrue();
        assertThat(h.get("version").asInt()).isEqualTo(2);
        assertThat(h.get("width").isInt()).isTrue();
        assertThat(h.get("width").asInt()).isBetween(80, 240);
        assertThat(h.get("height").isInt()).isTrue();
        assertThat(h.get("timestamp").isIntegralNumber()).isTrue();
        List<TranscriptEntry> entries = TranscriptReader.read(t);
        assertThat(h.get("timestamp").asLong()).isEqualTo(entries.get(0).ts().getEpochSecond());
        assertThat(h.get("title").isTextual()).isTrue();
        assertThat(h.get("title").asText()).contains("Unusual resource activity");
        assertThat(h.get("env").isObject()).isTrue();
        h.get("env").fields().forEachRemaining(e -> assertThat(e.getValue().isTextual()).isTrue());
        assertThat(h.get("idle_time_limit").isFloatingPointNumber()).isTrue();

        double last = 0;
        List<String> markers = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        for (JsonNode e : parsed.subList(1, parsed.size())) {
            assertThat(e.isArray()).isTrue();
            assertThat(e.size()).isEqualTo(3);
            assertThat(e.get(0).isFloatingPointNumber()).as("time of %s", e).isTrue();
            assertThat(e.get(0).asDouble()).isGreaterThanOrEqualTo(last);
            last = e.get(0).asDouble();
            assertThat(e.get(1).asText()).isIn("o", "m");
            assertThat(e.get(2).isTextual()).isTrue();
            if (e.get(1).asText().equals("m")) {
                markers.add(e.get(2).asText());
            } else {
                output.append(e.get(2).asText());
            }
        }
        List<String> starts = entries.stream().filter(x -> x.type().equals("step.start"))
                .map(x -> x.data().get("step").asText() + " — " + x.data().get("name").asText()).toList();
        assertThat(markers).containsExactlyElementsOf(starts);
        assertThat(last).isEqualTo(seconds(entries.get(0), entries.get(entries.size() - 1)), org.assertj.core.data.Offset.offset(1e-6));
        // the terminal sees \r\n line ends, and the same screens a replay shows
        assertThat(output.toString()).contains("[done] findKeyOwner: " + Recordings.LEAKED_KEY + " belongs to dev-jenkins\r\n");
        assertThat(output.toString()).doesNotContain("jenkins\n");
    }

    private static double seconds(TranscriptEntry from, TranscriptEntry to) {
        return java.time.Duration.between(from.ts(), to.ts()).toNanos() / 1e9;
    }

    /** asciinema's own player (Debian's asciinema package) plays the export to its end; skipped where it is not installed. */
    @Test
    void asciinemaPlaysTheExport() throws Exception {
        java.util.Optional<Path> asciinema = java.util.stream.Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(d -> Path.of(d, "asciinema")).filter(Files::isExecutable).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(asciinema.isPresent(),
                "asciinema is not installed (apt-get install asciinema): its player is not tried");
        Path cast = dir.resolve("session.cast");
        assertThat(Recordings.main("transcript", "export", Recordings.shared().toString(), "--format", "cast", "--out",
                cast.toString()).code()).isZero();
        Process p = new ProcessBuilder(asciinema.get().toString(), "play", "--speed", "1000", "--idle-time-limit", "0.001",
                cast.toString()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).start();
        byte[] shown = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String text = new String(shown, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("[done] concludeReview: answered: moreActivity", "transcript sealed, final digest");
    }

    @Test
    void export_toStandardOutput_andBadFormat() {
        Recordings.Run r = Recordings.main("transcript", "export", Recordings.shared().getParent().toString(), "--format", "cast");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("{\"version\":2,");
        Recordings.Run bad = Recordings.main("transcript", "export", Recordings.shared().toString(), "--format", "gif");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown export format 'gif': the formats are md, html, support, cast");
    }
}
