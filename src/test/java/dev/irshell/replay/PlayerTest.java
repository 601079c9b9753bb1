package dev.irshell.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.shell.Ansi;
import dev.irshell.shell.Renderer;
import dev.irshell.testsupport.TestClock;
import dev.irshell.transcript.Redactor;
import dev.irshell.transcript.TranscriptWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The player's pacing and keys with a fake clock, a recording sleeper and scripted keys: no real
 * time passes. The transcript is written here with chosen times: step B starts after 10 s idle.
 */
class PlayerTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path dir;

    Recording rec;
    final Renderer render = new Renderer(new Ansi(false));
    final StringWriter text = new StringWriter();
    final List<Long> slept = new ArrayList<>();
    final long[] now = {0};

    @BeforeEach
    void record() throws Exception {
        TestClock clock = TestClock.at(T0);
        Path file = dir.resolve("s1").resolve("transcript.jsonl");
        try (TranscriptWriter w = TranscriptWriter.create(file, new Redactor(), clock)) {
            ObjectNode h = obj();
            h.put("sessionId", "s1");
            h.putObject("runbook").put("id", "rb").put("title", "Test runbook");
            h.putObject("caller").put("account", "111122223333").put("arn", "arn:aws:iam::111122223333:user/responder");
            h.put("region", "us-east-1");
            h.putObject("mode").put("environment", "test");
            w.append("header", h);
            step(w, clock, "stepA", 1000, 1500);
            step(w, clock, "stepB", 11_500, 12_000);
            step(w, clock, "stepC", 13_000, 13_200);
            clock.set(T0.plusMillis(14_000));
            w.append("session.end", obj());
            w.seal();
        }
        rec = Recording.load(file);
    }

    private static void step(TranscriptWriter w, TestClock clock, String id, long startMs, long endMs) {
        clock.set(T0.plusMillis(startMs));
        w.append("step.start", obj().put("step", id).put("name", "Step " + id).put("kind", "action").put("section", "S"));
        clock.set(T0.plusMillis(endMs));
        ObjectNode end = obj().put("step", id).put("state", "done").put("summary", id + " ran").put("action", "x.y");
        end.putArray("tables");
        end.putArray("findings");
        w.append("step.end", end);
    }

    private static ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }

    Player player(double speed, Player.Keys keys) {
        List<Screen> screens = Screens.of(rec, render, List.of());
        return new Player(rec, screens, render, new PrintWriter(text, true), new Player.Pace(speed, true), slept::add,
                () -> now[0], keys, (step, t) -> Annotations.append(rec, step, t, "reviewer", Clock.systemUTC()));
    }

    @Test
    void speed2_halvesEveryGap_afterCuttingIdleGapsTo3Seconds() {
        player(2, null).play(0);
        // gaps: 1 s, 0.5 s, 10 s (cut to 3 s), 0.5 s, 1 s, 0.2 s, 0.8 s; the seal follows session.end at once
        assertThat(slept).containsExactly(500L, 250L, 1500L, 250L, 500L, 100L, 400L);
        assertThat(text.toString()).contains("stepA — Step stepA", "[done] stepC: stepC ran", "session ended");
    }

    @Test
    void pace_noWait_andSlowMotion() {
        assertThat(new Player.Pace(1, false).millis(Duration.ofSeconds(2))).isZero();
        assertThat(new Player.Pace(0.5, true).millis(Duration.ofSeconds(2))).isEqualTo(4000);
        assertThat(new Player.Pace(0.5, true).millis(Duration.ofMinutes(20))).isEqualTo(6000);
    }

    /** Keys typed at once, or TIMEOUT: the wait ran out (the fake clock moves by the timeout). */
    final class ScriptedKeys implements Player.Keys {
        final Deque<Integer> script = new ArrayDeque<>();

        ScriptedKeys type(String keys) {
            keys.codePoints().forEach(script::add);
            return this;
        }

        ScriptedKeys timeout() {
            script.add(TIMEOUT);
            return this;
        }

        @Override
        public int read(long timeoutMillis) {
            if (script.isEmpty()) {
                return EOF;
            }
            int k = script.poll();
            if (k == TIMEOUT) {
                now[0] += timeoutMillis;
            }
            return k;
        }
    }

    @Test
    void keys_navigateListAnnotatePauseAndQuit() {
        ScriptedKeys keys = new ScriptedKeys()
                .type("n")                          // before step A: go to the first step now
                .type("l")                          // list the steps
                .type("n")                          // skip A's result: on to step B
                .type("\u001b[D")                   // ← back to step A
                .timeout()                          // A's result shows
                .type("gstepC\r")                   // jump to step C
                .type("aneeds a second look\r")     // annotate step C
                .type(" ").type(" ")                // pause, resume
                .timeout()                          // C's result shows
                .type("gnope\r")                    // an unknown step: listed, nothing moves
                .type("q");
        player(1, keys).play(0);
        String out = text.toString();
        assertThat(out).containsSubsequence(
                "space pause/resume",
                "── stepA ──", "stepA — Step stepA",
                "Steps of rb (session s1)", "stepB",
                "── stepB ──", "stepB — Step stepB",
                "── stepA ──", "stepA — Step stepA", "[done] stepA: stepA ran",
                "go to step: stepC", "── stepC ──", "stepC — Step stepC",
                "annotate stepC: needs a second look", "annotated stepC: needs a second look",
                "⏸ paused", "▶ playing", "[done] stepC: stepC ran",
                "go to step: nope", "no step 'nope' in this recording; its steps are: stepA, stepB, stepC",
                "replay stopped");
        assertThat(out).doesNotContain("[done] stepB", "session ended");
        assertThat(slept).isEmpty();
        Annotations.Check c = Annotations.check(rec.file());
        assertThat(c.status()).isEqualTo(Annotations.Status.OK);
        assertThat(c.annotations()).singleElement().satisfies(a -> {
            assertThat(a.step()).isEqualTo("stepC");
            assertThat(a.text()).isEqualTo("needs a second look");
            assertThat(a.user()).isEqualTo("reviewer");
        });
    }

    @Test
    void endOfKeys_playsOnToTheEnd() {
        player(1, new ScriptedKeys().type("p")).play(0);
        assertThat(text.toString()).contains("[done] stepC: stepC ran", "session ended");
    }
}
