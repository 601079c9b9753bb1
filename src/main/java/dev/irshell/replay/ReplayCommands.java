package dev.irshell.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.shell.Ansi;
import dev.irshell.shell.ArgParser;
import dev.irshell.shell.ExitCode;
import dev.irshell.shell.Renderer;
import dev.irshell.shell.UsageException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The one-shot commands of a saved session's review: {@code replay}, {@code transcript export
 * --format cast} and {@code transcript annotate}, and the annotations part of {@code transcript
 * verify}. None needs AWS credentials or makes an AWS call.
 *
 * <p>Exit codes: 0 when the transcript (and its annotations, if any) verify; 3 when they do not, the
 * replay or export having been shown or written all the same so reviewers see the damaged record;
 * 2 for bad usage, an unknown step included.
 */
public final class ReplayCommands {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Renderer render;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final Clock clock;
    private final Player.Sleeper sleeper;
    private final boolean terminal;

    /**
     * @param terminal whether standard input and output are a terminal: then the replay is interactive
     */
    public ReplayCommands(Renderer render, PrintStream out, PrintStream err, boolean json, Clock clock,
                          Player.Sleeper sleeper, boolean terminal) {
        this.render = render;
        this.out = out;
        this.err = err;
        this.json = json;
        this.clock = clock;
        this.sleeper = sleeper;
        this.terminal = terminal;
    }

    // ------------------------------------------------------------------ replay

    /** {@code irshell replay FILE [--speed N] [--step STEP] [--list] [--no-wait]}. */
    public ExitCode replay(List<String> args) {
        Path file = null;
        double speed = 1;
        String step = null;
        boolean list = false;
        boolean noWait = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (ArgParser.optionName(a)) {
                case "--speed" -> {
                    String v = ArgParser.optionValue(args, i, "--speed", "N");
                    i += a.contains("=") ? 0 : 1;
                    speed = speed(v);
                }
                case "--step" -> {
                    step = ArgParser.optionValue(args, i, "--step", "STEP");
                    i += a.contains("=") ? 0 : 1;
                }
                case "--list" -> list = true;
                case "--no-wait" -> noWait = true;
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a + " for replay; it takes --speed N, --step STEP, --list,"
                                + " --no-wait (irshell help)");
                    }
                    if (file != null) {
                        throw new UsageException("replay takes one transcript, got '" + file + "' and '" + a + "'");
                    }
                    file = Path.of(a);
                }
            }
        }
        if (file == null) {
            throw new UsageException("usage: irshell replay FILE [--speed N] [--step STEP] [--list] [--no-wait]"
                    + " (FILE: a transcript.jsonl or its session folder)");
        }
        if (json && !list) {
            throw new UsageException("replay plays the session on the terminal; --output json goes with --list only");
        }
        Recording rec = Recording.load(file);
        Annotations.Check notes = Annotations.check(rec.file());
        boolean verified = rec.verify().ok() && notes.ok();
        if (list) {
            return list(rec, notes, verified);
        }
        List<Screen> screens = Screens.of(rec, render, notes.annotations());
        int from = 0;
        if (step != null) {
            from = Player.startOf(screens, step);
            if (from < 0) {
                throw new UsageException(Player.unknownStep(rec, step));
            }
        }
        Player.Annotator annotator = (s, text) -> Annotations.append(rec, s, text, user(), clock);
        Player.Pace pace = new Player.Pace(speed, !noWait);
        if (terminal && !noWait) {
            try (TerminalKeys keys = TerminalKeys.open()) {
                PrintWriter w = keys.writer();
                w.print(banner(rec, notes));
                new Player(rec, screens, render, w, pace, sleeper, clock::millis, keys, annotator).play(from);
                w.flush();
            }
        } else {
            PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
            w.print(banner(rec, notes));
            new Player(rec, screens, render, w, pace, sleeper, clock::millis, null, annotator).play(from);
            w.flush();
        }
        return finish(rec, notes, verified);
    }

    private ExitCode list(Recording rec, Annotations.Check notes, boolean verified) {
        if (json) {
            ObjectNode n = JSON.createObjectNode().put("file", rec.file().toString()).put("runbook", rec.runbookId())
                    .put("sessionId", rec.sessionId()).put("verified", rec.verify().ok())
                    .put("verification", rec.verify().describe());
            if (notes.status() != Annotations.Status.NONE) {
                n.set("annotations", annotationsJson(notes));
            }
            ArrayNode steps = n.putArray("steps");
            rec.steps().forEach(s -> {
                ObjectNode o = steps.addObject().put("id", s.id()).put("name", s.name()).put("state", s.state());
                if (s.ran()) {
                    o.put("started", s.started().toString());
                }
            });
            out.println(n.toPrettyString());
        } else {
            out.print(banner(rec, notes));
            out.print(new Player(rec, List.of(), render, new PrintWriter(Writer.nullWriter()), new Player.Pace(1, false),
                    sleeper, clock::millis, null, null).list());
        }
        return verified ? ExitCode.OK : ExitCode.INTEGRITY;
    }

    private ExitCode finish(Recording rec, Annotations.Check notes, boolean verified) {
        if (!rec.verify().ok()) {
            err.println("irshell: this transcript does not verify: " + rec.verify().describe().replace("\n", "; "));
        }
        if (!notes.ok()) {
            err.println("irshell: " + notes.describe());
        }
        return verified ? ExitCode.OK : ExitCode.INTEGRITY;
    }

    /** What is known of the record before it plays: whether it verifies, and its annotations. */
    String banner(Recording rec, Annotations.Check notes) {
        Ansi ansi = render.ansi();
        StringBuilder b = new StringBuilder(ansi.dim("replay of " + rec.file())).append('\n');
        if (rec.verify().ok()) {
            b.append(ansi.green("✔ verified: ")).append(rec.verify().describe()).append('\n');
        } else {
            b.append(ansi.boldRed("✖ THIS TRANSCRIPT DOES NOT VERIFY: it is replayed as written, and cannot be trusted"))
                    .append('\n').append(ansi.red(Renderer.indent(rec.verify().describe(), "  "))).append('\n');
        }
        if (notes.status() != Annotations.Status.NONE) {
            b.append(notes.ok() ? ansi.dim(notes.describe()) : ansi.boldRed("✖ " + notes.describe())).append('\n');
        }
        return b.append('\n').toString();
    }

    private static double speed(String v) {
        try {
            double s = Double.parseDouble(v.trim());
            if (s > 0 && !Double.isInfinite(s) && !Double.isNaN(s)) {
                return s;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new UsageException("--speed must be a positive number of times real time such as 2 or 0.5, got '" + v + "'");
    }

    // ------------------------------------------------------------------ transcript export --format cast

    /**
     * Writes the session as an asciicast v2 file to {@code outFile} (owner-only, like the transcript),
     * or to standard output when it is null.
     */
    public ExitCode exportCast(Path transcript, Path outFile) {
        Recording rec = Recording.load(transcript);
        Annotations.Check notes = Annotations.check(rec.file());
        boolean verified = rec.verify().ok() && notes.ok();
        List<Screen> screens = Screens.of(rec, render, notes.annotations());
        String banner = verified ? "" : banner(rec, notes);
        if (outFile == null) {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            Asciicast.write(rec, screens, banner, w);
        } else {
            if (outFile.toAbsolutePath().normalize().equals(rec.file().toAbsolutePath().normalize())) {
                throw new UsageException("--out " + outFile + " is the transcript itself; choose another file");
            }
            try (Writer w = Files.newBufferedWriter(create(outFile), StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                Asciicast.write(rec, screens, banner, w);
            } catch (IOException | UncheckedIOException e) {
                Throwable c = e instanceof UncheckedIOException u ? u.getCause() : e;
                String why = c instanceof java.nio.file.NoSuchFileException ? "no such folder: " + c.getMessage()
                        : c instanceof java.nio.file.AccessDeniedException ? "permission denied: " + c.getMessage()
                        : c.getMessage();
                err.println("irshell: cannot write " + outFile + " (" + why + ")");
                return ExitCode.FAILURE;
            }
            if (json) {
                out.println(JSON.createObjectNode().put("file", outFile.toString()).put("format", "asciicast-v2")
                        .put("screens", screens.size()).put("verified", verified).toPrettyString());
            } else {
                out.println("wrote " + outFile + " (asciicast v2, " + screens.size() + " screens; play it with"
                        + " `asciinema play " + outFile + "`)");
            }
        }
        return finish(rec, notes, verified);
    }

    /** The file, created owner-only when new (what it holds is as sensitive as the transcript). */
    private static Path create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!Files.exists(file)) {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(Set.of(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)));
            } else {
                Files.createFile(file);
            }
        }
        return file;
    }

    // ------------------------------------------------------------------ transcript annotate

    /** {@code irshell transcript annotate FILE [--step STEP] --text TEXT}. */
    public ExitCode annotate(List<String> args) {
        Path file = null;
        String step = null;
        String text = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (ArgParser.optionName(a)) {
                case "--step" -> {
                    step = ArgParser.optionValue(args, i, "--step", "STEP");
                    i += a.contains("=") ? 0 : 1;
                }
                case "--text" -> {
                    text = ArgParser.optionValue(args, i, "--text", "TEXT");
                    i += a.contains("=") ? 0 : 1;
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a + " for transcript annotate; it takes --step STEP"
                                + " and --text TEXT");
                    }
                    if (file != null) {
                        throw new UsageException("transcript annotate takes one transcript, got '" + file + "' and '" + a + "'");
                    }
                    file = Path.of(a);
                }
            }
        }
        if (file == null || text == null) {
            throw new UsageException("usage: irshell transcript annotate FILE [--step STEP] --text TEXT");
        }
        Recording rec = Recording.load(file);
        if (step != null && rec.step(step).filter(Recording.StepInfo::ran).isEmpty()) {
            throw new UsageException(Player.unknownStep(rec, step));
        }
        Annotations.Annotation a = Annotations.append(rec, step, text, user(), clock);
        Path notes = Annotations.fileFor(rec.file());
        if (json) {
            out.println(JSON.createObjectNode().put("file", notes.toString()).put("seq", a.seq())
                    .put("step", a.step()).put("user", a.user()).put("text", a.text()).toPrettyString());
        } else {
            out.println("annotated " + (step == null ? "the session" : "step " + step) + " in " + notes
                    + " (entry " + a.seq() + "); the transcript is unchanged");
        }
        return ExitCode.OK;
    }

    /** For `transcript verify --output json`: the annotations' status. */
    public static ObjectNode annotationsJson(Annotations.Check c) {
        ObjectNode n = JSON.createObjectNode().put("file", c.file().toString())
                .put("status", c.status().name().toLowerCase(java.util.Locale.ROOT)).put("count", c.annotations().size());
        n.put("problem", c.problem());
        return n;
    }

    private static String user() {
        return System.getProperty("user.name", "unknown");
    }
}
