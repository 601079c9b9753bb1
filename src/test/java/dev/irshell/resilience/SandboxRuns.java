package dev.irshell.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.aws.RetryPolicy;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.sandbox.Scenario;
import dev.irshell.shell.Ansi;
import dev.irshell.shell.ExitCode;
import dev.irshell.shell.LaunchOptions;
import dev.irshell.shell.OneShot;
import dev.irshell.shell.Renderer;
import dev.irshell.shell.Workspace;
import dev.irshell.transcript.TranscriptEntry;
import dev.irshell.transcript.TranscriptReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A non-interactive {@code irshell run} on an in-process sandbox with chosen fault injection, the
 * way {@code irshell --sandbox run ...} does it, keeping the sandbox open for inspection after.
 */
final class SandboxRuns {
    static final String SCENARIO = "leaked-key-cryptomining";
    static final String ATTACKER_INSTANCE = "i-02aabfe228f219e9c";
    static final String LEAKED_KEY = "AKIAQDEVJENKINS4LEAK";
    /** Every run starts its sandbox at this instant (then time runs), so two runs see the same account and history. */
    static final Instant START = Instant.parse("2026-11-21T20:00:00Z");

    private SandboxRuns() {}

    /** What a run printed and recorded. */
    record Result(ExitCode code, String out, String err, Path transcript) {
        List<TranscriptEntry> entries() {
            try {
                return TranscriptReader.read(transcript);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The step.end entries of a step, in order. */
        List<ObjectNode> ends(String step) {
            return entries().stream().filter(e -> e.type().equals("step.end") && e.data().path("step").asText().equals(step))
                    .map(e -> (ObjectNode) e.data()).toList();
        }

        /** The last step.end of a step, without its duration. */
        ObjectNode end(String step) {
            List<ObjectNode> all = ends(step);
            if (all.isEmpty()) {
                throw new AssertionError("no step.end for " + step + " in\n" + out + err);
            }
            ObjectNode e = all.get(all.size() - 1).deepCopy();
            e.remove("durationMs");
            return e;
        }

        List<JsonNode> calls() {
            return entries().stream().filter(e -> e.type().equals("aws.call")).<JsonNode>map(TranscriptEntry::data).toList();
        }
    }

    /** The JSON pointers where two documents differ, with both values: an assertion message that can be read. */
    static List<String> differences(JsonNode a, JsonNode b) {
        List<String> out = new java.util.ArrayList<>();
        diff("", a, b, out);
        return out;
    }

    private static void diff(String at, JsonNode a, JsonNode b, List<String> out) {
        if (a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                diff(at + "/" + n, a.path(n), b.path(n), out);
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(at + "/" + i, a.get(i), b.get(i), out);
            }
        } else {
            out.add(at + ": " + a + " <> " + b);
        }
    }

    static Path runbooksDir() {
        try {
            return Path.of(SandboxRuns.class.getClassLoader().getResource("resilience/runbooks").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock that reads {@link #START} the first time it is read, and runs from there. */
    static Clock anchoredClock() {
        return new Clock() {
            private final java.util.concurrent.atomic.AtomicLong firstRead = new java.util.concurrent.atomic.AtomicLong();

            @Override
            public Instant instant() {
                long now = System.nanoTime();
                firstRead.compareAndSet(0, now);
                return START.plusNanos(now - firstRead.get());
            }

            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /**
     * Runs {@code irshell --sandbox run ARGS} with {@code faults} and {@code retries}; {@code inspect}
     * sees the sandbox before it closes.
     */
    static Result run(Path dir, SandboxOptions faults, RetryPolicy retries, Consumer<Workspace> inspect, String... args) {
        Path evidence = dir.resolve("evidence-" + System.nanoTime());
        LaunchOptions o = new LaunchOptions(null, "us-east-1", false, false, evidence, runbooksDir(), null, false, false,
                SCENARIO, null, false, List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Clock clock = anchoredClock();
        ExitCode code;
        try (Workspace ws = Workspace.sandbox(o, clock, Scenario.builtin(SCENARIO), faults.withClock(clock), retries)) {
            code = new OneShot(() -> ws, new Renderer(new Ansi(false)), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).execute(List.of(args));
            if (inspect != null) {
                inspect.accept(ws);
            }
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                transcriptIn(evidence));
    }

    static Path transcriptIn(Path evidence) {
        if (!Files.isDirectory(evidence)) {
            return null;
        }
        try (Stream<Path> s = Files.walk(evidence)) {
            return s.filter(p -> p.getFileName().toString().equals("transcript.jsonl")).findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> noColor() {
        return Map.of("NO_COLOR", "1");
    }
}
