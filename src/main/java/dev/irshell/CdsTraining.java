package dev.irshell;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The workload the launcher ({@code ./irshell}) records its class-data-sharing archive from, once
 * per extracted jar and JVM: run with {@code -XX:ArchiveClassesAtExit}, it loads the classes of
 * the one-shot commands, of a sandbox session that sweeps every region, and of the interactive
 * shell (which reads its commands, ending in {@code exit}, from standard input). Output is
 * discarded; evidence goes to a temporary directory that is removed afterwards.
 *
 * <p>Arguments: the runbook files to validate.
 */
public final class CdsTraining {
    private CdsTraining() {}

    public static void main(String[] runbooks) throws IOException {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        Map<String, String> env = Map.of();
        Path evidence = Files.createTempDirectory("irshell-cds-");
        try {
            Main.run(new String[] {"version"}, env, sink, sink);
            List<String> validate = new ArrayList<>(List.of("validate"));
            validate.addAll(List.of(runbooks));
            Main.run(validate.toArray(String[]::new), env, sink, sink);
            Main.run(new String[] {"sandbox", "scenarios"}, env, sink, sink);
            Main.run(new String[] {"--sandbox", "--evidence-dir", evidence.toString(), "run", "unauthorized-activity",
                    "--approve-all"}, env, sink, sink);
            Main.run(new String[] {"--sandbox", "--evidence-dir", evidence.toString()}, env, sink, sink);
        } finally {
            try (Stream<Path> files = Files.walk(evidence)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        System.exit(0);
    }
}
