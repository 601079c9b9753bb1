package dev.irshell.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.shell.Ansi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A recording's screens as an asciicast v2 file, which asciinema's player plays: a header line
 * {@code {"version": 2, "width", "height", "timestamp", "title", "env", "idle_time_limit"}}, then one
 * {@code [seconds, "o", text]} event per screen at its transcript time (seconds since the session
 * started) and a {@code [seconds, "m", "stepId — name"]} marker where each step starts, so the
 * player can jump from step to step. Idle gaps are kept as recorded; {@code idle_time_limit} asks
 * the player to shorten them, as {@code irshell replay} does.
 */
public final class Asciicast {
    static final int MIN_WIDTH = 80;
    static final int MAX_WIDTH = 240;
    static final int HEIGHT = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Asciicast() {}

    /** Writes the whole file; {@code banner} (may be empty) is output at time 0, before the first screen. */
    public static void write(Recording rec, List<Screen> screens, String banner, Writer out) {
        try {
            Instant start = rec.started();
            ObjectNode header = JSON.createObjectNode();
            header.put("version", 2);
            header.put("width", width(screens, banner));
            header.put("height", HEIGHT);
            header.put("timestamp", start.getEpochSecond());
            header.put("idle_time_limit", Player.IDLE_LIMIT.toMillis() / 1000.0);
            header.put("title", "irshell replay: " + rec.title() + " (session " + rec.sessionId() + ")");
            header.putObject("env").put("TERM", "xterm-256color").put("SHELL", "/bin/sh");
            line(out, header);
            double last = 0;
            if (!banner.isEmpty()) {
                line(out, event(0.0, "o", terminal(banner)));
            }
            for (Screen s : screens) {
                double t = Math.max(last, seconds(start, s.at()));
                if (s.stepStart()) {
                    line(out, event(t, "m", s.step() + " — " + name(rec, s.step())));
                }
                line(out, event(t, "o", terminal(s.text())));
                last = t;
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(Recording rec, String step) {
        return rec.step(step).map(Recording.StepInfo::name).orElse(step);
    }

    private static double seconds(Instant start, Instant at) {
        long micros = Duration.between(start, at).toNanos() / 1000;
        return Math.max(0, micros) / 1_000_000.0;
    }

    private static ArrayNode event(double t, String code, String data) {
        ArrayNode e = JSON.createArrayNode();
        e.add(t);
        e.add(code);
        e.add(data);
        return e;
    }

    /** A terminal in raw output moves to the line start only on \r: what asciinema records is \r\n. */
    static String terminal(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** Wide enough for the widest line shown (tables are), within sensible bounds. */
    private static int width(List<Screen> screens, String banner) {
        int w = MIN_WIDTH;
        for (String text : java.util.stream.Stream.concat(java.util.stream.Stream.of(banner),
                screens.stream().map(Screen::text)).toList()) {
            for (String l : Ansi.strip(text).split("\n", -1)) {
                w = Math.max(w, l.codePointCount(0, l.length()));
            }
        }
        return Math.min(w, MAX_WIDTH);
    }

    private static void line(Writer out, Object node) throws IOException {
        try {
            out.write(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.write('\n');
    }
}
