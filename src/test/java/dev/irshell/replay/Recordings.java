package dev.irshell.replay;

import dev.irshell.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Real transcripts for the replay tests: procedure 001 run in-process on the sandbox, as a trainee would. */
final class Recordings {
    static final String INSTANCE = "i-02aabfe228f219e9c";
    static final String LEAKED_KEY = "AKIAQDEVJENKINS4LEAK";
    static final String ANSWERS = "moveApplication: done\nconcludeReview: moreActivity\n";

    private Recordings() {}

    /** What one irshell invocation printed and returned. */
    record Run(int code, String out, String err) {}

    static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, Map.of("NO_COLOR", "1"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Procedure 001 on the default sandbox with every change approved (a destroy, a new access key
     * whose secret is shown once, a deactivation, a manual step and a decision); returns the run.
     */
    static Run procedure001(Path evidence, String... extra) {
        try {
            Path answers = Files.createTempFile(evidence.getParent(), "answers", ".yaml");
            Files.writeString(answers, ANSWERS);
            List<String> args = new ArrayList<>(List.of("--sandbox", "run", "unusual-resource-activity", "--input",
                    "instanceId=" + INSTANCE, "--answers", answers.toString(), "--evidence-dir", evidence.toString()));
            args.addAll(Arrays.asList(extra.length == 0 ? new String[] {"--approve-all"} : extra));
            return main(args.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one transcript.jsonl under {@code dir}. */
    static Path transcript(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().equals("transcript.jsonl")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the transcript in a folder of its own, for a test that annotates or damages it. */
    /** A copy of the whole session folder (transcript, artifacts, manifest), so the copy verifies as the original does. */
    static Path copy(Path transcript, Path dir) {
        try {
            Path folder = Files.createDirectories(dir.resolve("copy-" + System.nanoTime()));
            Path from = transcript.toAbsolutePath().getParent();
            try (java.util.stream.Stream<Path> files = Files.walk(from)) {
                for (Path p : files.toList()) {
                    Path to = folder.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else if (!p.getFileName().toString().endsWith(".annotations.jsonl")) {
                        Files.copy(p, to);
                    }
                }
            }
            return folder.resolve("transcript.jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path shared;
    private static Run sharedRun;

    /**
     * One approved procedure 001 run, made once per test JVM and shared by the replay tests (which
     * only read it; a test that changes a transcript works on a {@link #copy}). Deleted at exit.
     */
    static synchronized Path shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("irshell-replay-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                sharedRun = procedure001(dir.resolve("evidence"));
                if (sharedRun.code() != 0) {
                    throw new IllegalStateException("the sandbox run failed: " + sharedRun.out() + sharedRun.err());
                }
                shared = transcript(dir.resolve("evidence"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** What the shared run printed. */
    static synchronized Run sharedRun() {
        shared();
        return sharedRun;
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
