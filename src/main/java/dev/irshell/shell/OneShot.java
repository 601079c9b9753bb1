package dev.irshell.shell;

import static dev.irshell.shell.ArgParser.optionName;
import static dev.irshell.shell.ArgParser.optionValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.irshell.action.ActionFailure;
import dev.irshell.engine.AnswersConfirmer;
import dev.irshell.engine.CallerIdentity;
import dev.irshell.engine.InputException;
import dev.irshell.engine.Inputs;
import dev.irshell.engine.RunStatus;
import dev.irshell.engine.Session;
import dev.irshell.engine.StepState;
import dev.irshell.engine.StepTree;
import dev.irshell.engine.StepView;
import dev.irshell.runbook.Problem;
import dev.irshell.runbook.RunbookCalls;
import dev.irshell.sandbox.Grader;
import dev.irshell.sandbox.Sandbox;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.sandbox.Scenario;
import dev.irshell.runbook.Runbook;
import dev.irshell.runbook.RunbookException;
import dev.irshell.runbook.Step;
import dev.irshell.transcript.BundleVerifier;
import dev.irshell.report.Integrity;
import dev.irshell.report.ReportFormat;
import dev.irshell.report.Reports;
import dev.irshell.report.SessionRecord;
import dev.irshell.replay.Annotations;
import dev.irshell.replay.Player;
import dev.irshell.replay.ReplayCommands;
import dev.irshell.transcript.TranscriptVerifier;
import dev.irshell.transcript.VerifyResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The one-shot commands: {@code validate}, {@code transcript verify}, {@code transcript export},
 * {@code runbooks}, the non-interactive {@code run}, {@code resume --run} and {@code preflight}. Each returns
 * its exit code; nothing here reads standard input.
 */
public final class OneShot {
    private final Supplier<Workspace> workspace;
    private final Renderer render;
    private final PrintStream out;
    private final PrintStream err;

    private final boolean json;
    private static final ObjectMapper JSON = new ObjectMapper();

    public OneShot(Supplier<Workspace> workspace, Renderer render, PrintStream out, PrintStream err) {
        this(workspace, render, out, err, false);
    }

    /** @param json print one JSON document on standard output instead of text (--output json) */
    public OneShot(Supplier<Workspace> workspace, Renderer render, PrintStream out, PrintStream err, boolean json) {
        this.json = json;
        this.workspace = workspace;
        this.render = render;
        this.out = out;
        this.err = err;
    }

    public ExitCode execute(List<String> command) {
        String verb = command.get(0);
        List<String> args = command.subList(1, command.size());
        return switch (verb) {
            case "validate" -> validate(args);
            case "transcript" -> transcript(args);
            case "runbooks" -> {
                noArgs("runbooks", args);
                Workspace ws = workspace.get();
                if (json) {
                    ArrayNode list = JSON.createArrayNode();
                    ws.runbooks().all().forEach(rb -> list.addObject().put("id", rb.id()).put("title", rb.title())
                            .put("version", rb.version()).put("steps", rb.steps().size()).put("source", rb.source().url()));
                    ws.runbooks().problems().forEach(p -> list.addObject().put("problem", p.toString()));
                    printJson(list);
                } else {
                    out.print(render.runbooks(ws.runbooks().all(), ws.runbooks().problems()));
                }
                yield ExitCode.OK;
            }
            case "run" -> run(args);
            case "resume" -> resume(args);
            case "preflight" -> preflight(args);
            case "replay" -> review().replay(args);
            case "sandbox" -> sandbox(args);
            case "help" -> {
                out.print(Help.text());
                yield ExitCode.OK;
            }
            case "version" -> {
                out.println("irshell " + Version.get());
                yield ExitCode.OK;
            }
            default -> throw new UsageException(Help.unknownCommand(verb));
        };
    }

    private void printJson(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void noArgs(String verb, List<String> args) {
        if (!args.isEmpty()) {
            throw new UsageException(verb + " takes no arguments, got: " + String.join(" ", args));
        }
    }

    // ------------------------------------------------------------------ validate

    private ExitCode validate(List<String> files) {
        if (files.isEmpty()) {
            throw new UsageException("validate needs at least one runbook file: irshell validate FILE...");
        }
        for (String f : files) {
            if (f.startsWith("--")) {
                throw new UsageException("validate takes only files, not option " + f);
            }
        }
        var loader = workspace.get().loader();
        var known = new java.util.ArrayList<>(workspace.get().runbooks().all());
        boolean allOk = true;
        ArrayNode results = JSON.createArrayNode();
        for (String f : files) {
            Path p = Path.of(f);
            ObjectNode result = results.addObject().put("file", f);
            if (!Files.isRegularFile(p)) {
                result.put("ok", false).putArray("problems").addObject().put("message", "no such file");
                if (!json) {
                    err.println(f + ": no such file");
                }
                allOk = false;
                continue;
            }
            try {
                Runbook rb = loader.load(p);
                known.removeIf(k -> k.id().equals(rb.id()));
                known.add(rb);
                List<Problem> calls = RunbookCalls.check(known).stream()
                        .filter(pr -> pr.pos().file().equals(rb.origin())).toList();
                if (!calls.isEmpty()) {
                    throw new RunbookException(calls);
                }
                result.put("ok", true).put("runbook", rb.id()).put("steps", rb.steps().size());
                if (!json) {
                    out.println(render.ansi().green("OK") + " " + f + " (" + rb.id() + ", " + rb.steps().size() + " steps)");
                }
            } catch (RunbookException e) {
                allOk = false;
                ArrayNode problems = result.put("ok", false).putArray("problems");
                e.problems().forEach(pr -> problems.addObject().put("file", pr.pos().file()).put("line", pr.pos().line())
                        .put("col", pr.pos().col()).put("message", pr.message()));
                if (!json) {
                    for (Problem pr : e.problems()) {
                        err.println(pr);
                    }
                    err.println(render.ansi().red("INVALID") + " " + f + ": " + e.problems().size() + " problem"
                            + (e.problems().size() == 1 ? "" : "s"));
                }
            }
        }
        if (json) {
            printJson(results);
        }
        return allOk ? ExitCode.OK : ExitCode.USAGE;
    }

    // ------------------------------------------------------------------ transcript

    private ExitCode transcript(List<String> args) {
        String sub = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        return switch (sub) {
            case "verify" -> verify(rest);
            case "annotate" -> review().annotate(rest);
            case "export" -> export(rest);
            default -> throw new UsageException(TRANSCRIPT_USAGE);
        };
    }

    /** --format choices: the reports, and the replay as an asciicast. */
    private static final String FORMAT_CHOICES = ReportFormat.choices() + "|cast";

    private static final String TRANSCRIPT_USAGE = "usage: irshell transcript verify FILE | "
            + "irshell transcript export FILE --format " + FORMAT_CHOICES + " [--out FILE] | "
            + "irshell transcript annotate FILE [--step STEP] --text TEXT";

    /** A transcript.jsonl, or the session folder holding one; a usage error naming what was given when neither. */
    private static Path transcriptFile(String given) {
        return Resume.transcript(given);
    }

    private ExitCode verify(List<String> args) {
        if (args.size() != 1) {
            throw new UsageException("usage: irshell transcript verify FILE");
        }
        Path file = transcriptFile(args.get(0));
        BundleVerifier.Report report = BundleVerifier.verify(file);
        VerifyResult r = report.chain();
        Annotations.Check notes = Annotations.check(file);
        if (json) {
            ObjectNode n = JSON.createObjectNode().put("file", file.toString()).put("status", r.status().name().toLowerCase())
                    .put("entries", r.entries()).put("finalHash", r.finalHash());
            if (r.brokenAtLine() > 0) {
                n.put("brokenAtLine", r.brokenAtLine());
            }
            n.put("problem", r.problem());
            part(n.putObject("artifacts"), report.artifacts());
            part(n.putObject("signature"), report.signature());
            if (notes.status() != Annotations.Status.NONE) {
                n.set("annotations", ReplayCommands.annotationsJson(notes));
            }
            n.put("ok", report.ok() && notes.ok());
            printJson(n);
        } else {
            (report.ok() ? out : err).println(report.describe());
            if (notes.status() != Annotations.Status.NONE) {
                (notes.ok() ? out : err).println(notes.describe());
            }
        }
        return report.ok() && notes.ok() ? ExitCode.OK : ExitCode.INTEGRITY;
    }

    private static void part(ObjectNode n, BundleVerifier.Check c) {
        n.put("status", c.status().name().toLowerCase()).put("summary", c.summary());
        c.problems().forEach(n.putArray("problems")::add);
    }

    /** Replay, asciicast export and annotations: the reviewer's commands, which need no AWS. */
    private ReplayCommands review() {
        return new ReplayCommands(render, out, err, json, java.time.Clock.systemUTC(), Player.Sleeper.REAL,
                System.console() != null);
    }

    /**
     * {@code transcript export FILE --format F [--out FILE]}: a report from the transcript alone. A
     * transcript that does not verify still gets its report, which says so at the top; the exit code
     * (3) says so to scripts.
     */
    private ExitCode export(List<String> args) {
        String given = null;
        String formatName = null;
        Path outFile = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (optionName(a)) {
                case "--format" -> {
                    formatName = optionValue(args, i, "--format", FORMAT_CHOICES);
                    i += a.startsWith("--format=") ? 0 : 1;
                }
                case "--out" -> {
                    outFile = Path.of(optionValue(args, i, "--out", "FILE"));
                    i += a.startsWith("--out=") ? 0 : 1;
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a + " for transcript export; it takes --format "
                                + FORMAT_CHOICES + " and --out FILE");
                    }
                    if (given != null) {
                        throw new UsageException("transcript export takes one transcript, got '" + given + "' and '" + a + "'");
                    }
                    given = a;
                }
            }
        }
        if (given == null) {
            throw new UsageException("usage: irshell transcript export FILE --format " + FORMAT_CHOICES
                    + " [--out FILE]");
        }
        if (formatName == null) {
            throw new UsageException("transcript export needs --format: one of " + ReportFormat.names() + ", cast");
        }
        if (formatName.equalsIgnoreCase("cast")) {
            return review().exportCast(transcriptFile(given), outFile);
        }
        String named = formatName;
        ReportFormat format = ReportFormat.named(named).orElseThrow(() -> new UsageException(
                "unknown export format '" + named + "': the formats are " + ReportFormat.names() + ", cast"));
        if (json && outFile == null) {
            throw new UsageException("--output json with transcript export needs --out FILE: the report itself is not JSON");
        }
        if (outFile != null && Files.exists(outFile)) {
            throw new UsageException("--out " + outFile + " already exists: irshell does not overwrite a file; "
                    + "choose another name or remove it first");
        }
        if (outFile != null && outFile.toAbsolutePath().getParent() != null && !Files.isDirectory(outFile.toAbsolutePath().getParent())) {
            throw new UsageException("--out " + outFile + ": no such directory " + outFile.toAbsolutePath().getParent());
        }
        Path file = transcriptFile(given);
        SessionRecord record;
        try {
            record = SessionRecord.read(file);
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return ExitCode.FAILURE;
        }
        String report = format.render(record);
        Integrity integrity = record.integrity();
        if (outFile == null) {
            out.print(report);
            out.flush();
        } else {
            try {
                Reports.writeNew(outFile, report);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new UsageException("--out " + outFile + " already exists: irshell does not overwrite a file; "
                        + "choose another name or remove it first");
            } catch (IOException e) {
                err.println("cannot write " + outFile + ": " + e.getMessage());
                return ExitCode.FAILURE;
            }
            if (json) {
                ObjectNode n = JSON.createObjectNode().put("transcript", file.toString()).put("format", format.cliName())
                        .put("out", outFile.toString()).put("status", integrity.verify().status().name().toLowerCase())
                        .put("finalDigest", integrity.finalDigest()).put("problem", integrity.verify().problem());
                printJson(n);
            } else {
                out.println("wrote " + outFile + " (" + format.description() + ", " + record.steps().size() + " step runs, "
                        + record.changes().size() + " changes, " + record.calls().size() + " AWS calls)");
            }
        }
        if (!integrity.verified()) {
            err.println("irshell: " + integrity.headline());
            integrity.details().forEach(d -> err.println("  " + d));
            return ExitCode.INTEGRITY;
        }
        var evidence = record.evidence();
        if (evidence.isPresent() && (evidence.get().artifacts().failed()
                || evidence.get().signature().status() != BundleVerifier.Status.OK)) {
            // the report says so in its header; scripts learn it from the exit code, as from verify
            err.println("irshell: the chain verifies, but the bundle does not:");
            evidence.get().describe().lines().skip(1).forEach(l -> err.println("  " + l));
            return ExitCode.INTEGRITY;
        }
        return ExitCode.OK;
    }

    // ------------------------------------------------------------------ run

    private ExitCode run(List<String> args) {
        String runbookName = null;
        Map<String, String> inputs = new LinkedHashMap<>();
        Approvals approvals = new Approvals();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int used = approvals.take(args, i);
            if (used > 0) {
                i += used - 1;
                continue;
            }
            switch (optionName(a)) {
                case "--input" -> {
                    String kv = optionValue(args, i, "--input", "NAME=VALUE");
                    i += a.contains("=") && a.startsWith("--input=") ? 0 : 1;
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--input takes NAME=VALUE, got '" + kv + "'");
                    }
                    inputs.put(kv.substring(0, eq).trim(), kv.substring(eq + 1));
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a + " for run; it takes --input NAME=VALUE, "
                                + "--approve STEP[,STEP...], --approve-all (sandbox only), --answers FILE "
                                + "(and the global options, see irshell help)");
                    }
                    if (runbookName != null) {
                        throw new UsageException("run takes one runbook, got '" + runbookName + "' and '" + a + "'");
                    }
                    runbookName = a;
                }
            }
        }
        if (runbookName == null) {
            throw new UsageException("usage: irshell run RUNBOOK [--input NAME=VALUE]... [--approve STEP,...] [--answers FILE]");
        }
        Workspace ws = workspace.get();
        java.util.Optional<dev.irshell.replay.ReplaySource> replay = ws.replay();
        if (replay.isEmpty()) {
            approvals.refuseAllOnLive(ws);
        }
        Runbook rb;
        try {
            rb = ws.runbooks().resolve(runbookName);
        } catch (RunbookException e) {
            e.problems().forEach(err::println);
            return ExitCode.USAGE;
        }
        AnswersConfirmer confirmer = approvals.confirmer(rb, ws);
        ObjectNode in;
        try {
            in = replay.isEmpty() ? Inputs.resolve(rb, inputs, ws.clock())
                    : Inputs.resolve(rb, replay.get().inputs(inputs), replay.get().inputClock());
        } catch (InputException e) {
            e.problems().forEach(p -> err.println("run: " + p));
            return ExitCode.USAGE;
        }
        CallerIdentity caller;
        try {
            caller = ws.identity();
        } catch (ActionFailure f) {
            return cannotReachAccount(f, ws);
        }
        Session session;
        try {
            session = ws.sessions().start(rb, in, ws.sessionOptions(), caller, confirmer,
                    ws.relay(), (what, done, total) -> { });
        } catch (IOException e) {
            err.println("cannot create the session's evidence folder under " + ws.options().evidenceDir() + ": " + e.getMessage());
            return ExitCode.FAILURE;
        }
        if (!json) {
            out.println(render.ansi().bold(rb.title()) + "  " + render.ansi().dim("(" + ws.sessionOptions().modeLabel() + ")"));
            out.println("account " + caller.account() + " as " + caller.arn() + ", region " + ws.region());
            out.println("transcript " + session.transcriptFile());
            replay.ifPresent(r -> {
                out.println(render.ansi().dim(r.describe()));
                r.runbookDiffers(rb).ifPresent(note -> out.println(render.ansi().yellow(note)));
            });
        }
        return drive(ws, session, caller);
    }

    /**
     * {@code resume FILE --run [--approve STEP,...] [--approve-all] [--answers FILE]}: goes on with a
     * cut-off session from where it stopped, non-interactively, as {@code run} would.
     */
    private ExitCode resume(List<String> args) {
        String file = null;
        Approvals approvals = new Approvals();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int used = approvals.take(args, i);
            if (used > 0) {
                i += used - 1;
                continue;
            }
            switch (optionName(a)) {
                case "--run" -> { }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a + " for resume; it takes --run, --approve STEP[,STEP...], "
                                + "--approve-all (sandbox only), --answers FILE (and the global options, see irshell help)");
                    }
                    if (file != null) {
                        throw new UsageException("resume takes one transcript, got '" + file + "' and '" + a + "'");
                    }
                    file = a;
                }
            }
        }
        if (file == null) {
            throw new UsageException("usage: irshell resume FILE [--run [--approve STEP,...] [--approve-all] [--answers FILE]]");
        }
        Path transcript = Resume.transcript(file);
        Workspace ws = workspace.get();
        approvals.refuseAllOnLive(ws);
        // approvals and answers are checked against the session's own runbook before anything is appended;
        // a runbook not loaded now is refused by the resume itself, saying which
        Runbook rb = ws.runbooks().find(dev.irshell.engine.Sessions.runbookIdOf(transcript)).orElse(null);
        AnswersConfirmer confirmer = rb == null ? new AnswersConfirmer(Set.of(), Map.of()) : approvals.confirmer(rb, ws);
        dev.irshell.engine.Sessions.Resumed r;
        try {
            r = Resume.open(ws, transcript, confirmer, (what, done, total) -> { });
        } catch (ActionFailure f) {
            return cannotReachAccount(f, ws);
        } catch (dev.irshell.engine.ResumeException e) {
            err.println("resume: " + e.getMessage());
            return e.kind() == dev.irshell.engine.ResumeException.Kind.BROKEN ? ExitCode.INTEGRITY : ExitCode.USAGE;
        } catch (IOException e) {
            err.println("resume: cannot reopen " + transcript + ": " + e.getMessage());
            return ExitCode.FAILURE;
        }
        Session session = r.session();
        if (!json) {
            out.print(Resume.describe(r, render, ws));
        }
        return drive(ws, session, ws.identity());
    }

    /** Credentials that do not work: what to do, not a stack trace (unless --debug asks for it). */
    private ExitCode cannotReachAccount(ActionFailure f, Workspace ws) {
        err.println(Help.cannotReachAccount(f, ws));
        if (ws.options().debug()) {
            f.printStackTrace(err);
        }
        return ExitCode.FAILURE;
    }

    /** {@code --approve STEP,...}, {@code --approve-all} and {@code --answers FILE}, as run and resume --run take them. */
    private final class Approvals {
        private final Set<String> steps = new LinkedHashSet<>();
        private boolean all;
        private Path answersFile;

        /** Takes the option at {@code args[i]} if it is one of these; returns how many arguments it used (0: none). */
        int take(List<String> args, int i) {
            String a = args.get(i);
            switch (optionName(a)) {
                case "--approve" -> {
                    String v = optionValue(args, i, "--approve", "STEP[,STEP...]");
                    Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).forEach(steps::add);
                    return a.startsWith("--approve=") ? 1 : 2;
                }
                case "--approve-all" -> {
                    all = true;
                    return 1;
                }
                case "--answers" -> {
                    answersFile = Path.of(optionValue(args, i, "--answers", "FILE"));
                    return a.startsWith("--answers=") ? 1 : 2;
                }
                default -> {
                    return 0;
                }
            }
        }

        /** --approve-all approves every change and destroy: only where nothing real is touched. */
        void refuseAllOnLive(Workspace ws) {
            if (all && ws.sandbox().isEmpty()) {
                throw new UsageException("--approve-all is refused on a live account: it approves every change and destroy. "
                        + "Name the steps with --approve STEP,... (or practise with --sandbox)");
            }
        }

        /** The confirmer for {@code rb}: --approve-all expanded to its action steps, every named step checked, the answers read. */
        AnswersConfirmer confirmer(Runbook rb, Workspace ws) {
            List<StepTree.Slot> slots = StepTree.flatten(rb, ws.runbooks()::find);
            List<String> stepIds = slots.stream().map(StepTree.Slot::id).toList();
            Set<String> approve = new LinkedHashSet<>(steps);
            if (all) {
                slots.stream().filter(x -> x.step().kind() == dev.irshell.runbook.StepKind.ACTION).map(StepTree.Slot::id)
                        .forEach(approve::add);
            }
            for (String s : approve) {
                if (!stepIds.contains(s)) {
                    throw new UsageException("--approve names no step '" + s + "' of " + rb.id() + "; its steps are: "
                            + String.join(", ", stepIds));
                }
            }
            return new AnswersConfirmer(approve, answersFile == null ? Map.of() : readAnswers(answersFile, rb, stepIds));
        }
    }

    /** Runs a started or resumed session to its end, seals it, and reports as `run` does. */
    private ExitCode drive(Workspace ws, Session session, CallerIdentity caller) {
        java.util.Optional<dev.irshell.replay.ReplaySource> replay = ws.replay();
        RunStatus status = RunStatus.FAILED;
        try {
            status = session.runToEnd(new Session.Observer() {
                @Override
                public void starting(StepView step) {
                    if (!json) {
                        out.print(render.stepHeader(step));
                    }
                }

                @Override
                public void finished(StepView view) {
                    if (!json) {
                        out.print(render.stepResult(view));
                        if (view.state() == StepState.DONE) {
                            replay.ifPresent(r -> r.secretsShownOnce(view.id()).forEach(label ->
                                    out.print(render.ansi().dim("in the recording: ") + render.secretNotRecorded(label))));
                        }
                        out.println();
                    }
                }
            });
        } finally {
            String signer = session.signerFingerprint();
            String digest = session.end();
            ws.relay().detach();
            var grade = ws.sandbox().map(Grader::grade);
            var comparison = replay.map(r -> dev.irshell.replay.Comparison.of(r.recording(),
                    dev.irshell.replay.Recording.load(session.transcriptFile())));
            if (json) {
                ObjectNode n = runJson(session, digest, status, caller, grade.orElse(null));
                comparison.ifPresent(c -> n.set("comparison", c.json()));
                printJson(n);
            } else {
                out.println(summary(session) + "\ntranscript sealed: " + session.transcriptFile() + "\nfinal digest " + digest
                        + "\nsigned with your key " + signer + " (manifest.json beside the transcript)");
                grade.ifPresent(g -> out.print("\n" + g.render()));
                comparison.ifPresent(c -> out.print("\n" + c.render(render)));
            }
        }
        return exitCode(status);
    }

    private static ExitCode exitCode(RunStatus status) {
        return switch (status) {
            case COMPLETED -> ExitCode.OK;
            case FAILED -> ExitCode.FAILURE;
            case AWAITING_OPERATOR -> ExitCode.AWAITING_OPERATOR;
        };
    }

    private ObjectNode runJson(Session s, String digest, RunStatus status, CallerIdentity caller, dev.irshell.sandbox.Grade grade) {
        ObjectNode n = JSON.createObjectNode().put("runbook", s.runbook().id()).put("status", status.name().toLowerCase())
                .put("exitCode", exitCode(status).code()).put("account", caller.account()).put("arn", caller.arn())
                .put("transcript", s.transcriptFile().toString()).put("finalDigest", digest);
        ArrayNode steps = n.putArray("steps");
        s.status().forEach(v -> {
            ObjectNode st = steps.addObject().put("id", v.id()).put("state", v.state().label());
            if (v.reason() != null) {
                st.put("reason", v.reason());
            }
            if (v.result() != null && v.state() == StepState.DONE) {
                st.put("summary", v.result().summary());
            }
            if (v.decision() != null) {
                st.put("decision", v.decision());
            }
        });
        if (grade != null) {
            ObjectNode g = n.putObject("grade").put("scenario", grade.scenario()).put("met", grade.met())
                    .put("total", grade.total()).put("percent", grade.percent());
            ArrayNode checks = g.putArray("checks");
            grade.checks().forEach(c -> checks.addObject().put("objective", c.objective()).put("subject", c.subject())
                    .put("met", c.met()).put("feedback", c.feedback()));
        }
        return n;
    }

    // ------------------------------------------------------------------ preflight

    /** Exit 0 when every permission every step needs is allowed, 1 when one is missing or could not be confirmed. */
    private ExitCode preflight(List<String> args) {
        for (String a : args) {
            if (a.startsWith("-")) {
                throw new UsageException("unknown option " + a + " for preflight; it takes one runbook and the global "
                        + "options (see irshell help)");
            }
        }
        if (args.size() != 1) {
            throw new UsageException("usage: irshell preflight RUNBOOK (whether the credentials can run it; "
                    + "--output json for scripts)" + (args.isEmpty() ? "" : ", got " + String.join(" ", args)));
        }
        Workspace ws = workspace.get();
        Runbook rb;
        try {
            rb = ws.runbooks().resolve(args.get(0));
        } catch (RunbookException e) {
            e.problems().forEach(err::println);
            return ExitCode.USAGE;
        }
        try {
            ws.identity();
        } catch (ActionFailure f) {
            return cannotReachAccount(f, ws);
        }
        dev.irshell.preflight.PreflightReport report;
        try {
            report = ws.preflight(rb);
        } catch (ActionFailure f) {
            err.println("preflight stopped: " + f.describe());
            return ExitCode.FAILURE;
        }
        ExitCode code = report.ok() ? ExitCode.OK : ExitCode.FAILURE;
        if (json) {
            printJson(report.toJson().put("exitCode", code.code()));
        } else {
            out.print(render.preflight(report));
        }
        return code;
    }

    // ------------------------------------------------------------------ sandbox

    private ExitCode sandbox(List<String> args) {
        if (args.isEmpty()) {
            throw new UsageException("usage: irshell sandbox serve [--scenario NAME|FILE] [--port N] | irshell sandbox scenarios");
        }
        return switch (args.get(0)) {
            case "scenarios" -> {
                noArgs("sandbox scenarios", args.subList(1, args.size()));
                if (json) {
                    ArrayNode list = JSON.createArrayNode();
                    Scenario.builtinNames().forEach(name -> list.addObject().put("name", name)
                            .put("title", Scenario.builtin(name).title()).put("default", name.equals(Scenario.defaultName())));
                    printJson(list);
                    yield ExitCode.OK;
                }
                for (String name : Scenario.builtinNames()) {
                    Scenario s = Scenario.builtin(name);
                    out.println(render.ansi().bold(name) + (name.equals(Scenario.defaultName()) ? " (default)" : "")
                            + "  " + s.title());
                }
                yield ExitCode.OK;
            }
            case "serve" -> serve(args.subList(1, args.size()));
            default -> throw new UsageException("unknown sandbox command '" + args.get(0) + "': use serve or scenarios");
        };
    }

    private ExitCode serve(List<String> args) {
        String scenario = "";
        int port = 0;
        SandboxOptions faults = SandboxOptions.defaults();
        java.util.Set<String> timeoutRegions = new java.util.LinkedHashSet<>();
        java.util.Set<String> denied = new java.util.LinkedHashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (optionName(a)) {
                case "--scenario" -> {
                    scenario = optionValue(args, i, "--scenario", "NAME|FILE");
                    i += a.startsWith("--scenario=") ? 0 : 1;
                }
                case "--port" -> {
                    String v = optionValue(args, i, "--port", "N");
                    i += a.startsWith("--port=") ? 0 : 1;
                    try {
                        port = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        port = -1;
                    }
                    if (port < 0 || port > 65535) {
                        throw new UsageException("--port must be a port number from 0 to 65535 (0 picks a free one), got '" + v + "'");
                    }
                }
                case "--latency-ms" -> {
                    String v = optionValue(args, i, "--latency-ms", "MILLISECONDS");
                    i += a.startsWith("--latency-ms=") ? 0 : 1;
                    faults = faults.withLatency(java.time.Duration.ofMillis(number(v, "--latency-ms", 0, 60_000)));
                }
                case "--throttle-rate" -> {
                    String v = optionValue(args, i, "--throttle-rate", "0..1");
                    i += a.startsWith("--throttle-rate=") ? 0 : 1;
                    faults = faults.withThrottleRate(rate(v, "--throttle-rate"));
                }
                case "--error-rate" -> {
                    String v = optionValue(args, i, "--error-rate", "0..1");
                    i += a.startsWith("--error-rate=") ? 0 : 1;
                    faults = faults.withServerErrorRate(rate(v, "--error-rate"));
                }
                case "--timeout-region" -> {
                    String v = optionValue(args, i, "--timeout-region", "REGION");
                    i += a.startsWith("--timeout-region=") ? 0 : 1;
                    if (!dev.irshell.runbook.Regions.isKnown(v)) {
                        throw new UsageException("--timeout-region must be a known AWS region code such as eu-west-1, got '" + v + "'");
                    }
                    timeoutRegions.add(v);
                }
                case "--seed" -> {
                    String v = optionValue(args, i, "--seed", "N");
                    i += a.startsWith("--seed=") ? 0 : 1;
                    faults = faults.withSeed(number(v, "--seed", 0, Long.MAX_VALUE));
                }
                case "--deny" -> {
                    String v = optionValue(args, i, "--deny", "SERVICE:OPERATION");
                    i += a.startsWith("--deny=") ? 0 : 1;
                    if (!SandboxOptions.ACTION.matcher(v).matches()) {
                        throw new UsageException("--deny must be an IAM action such as iam:GenerateCredentialReport, got '" + v + "'");
                    }
                    denied.add(v);
                }
                default -> throw new UsageException("unknown option " + a + " for sandbox serve; it takes --scenario NAME|FILE, "
                        + "--port N, and for fault injection --latency-ms N, --throttle-rate R, --error-rate R, --timeout-region REGION, "
                        + "--deny SERVICE:OPERATION, --seed N");
            }
        }
        Scenario s = Workspace.scenario(scenario);
        try (Sandbox sb = Sandbox.start(s, faults.withPort(port).withTimeoutRegions(timeoutRegions).withDeniedActions(denied))) {
            var c = sb.operatorCredentials();
            out.println("sandbox " + s.name() + " (simulated account " + sb.accountId() + ") listening on " + sb.endpoint());
            out.println("Point the AWS CLI at it (these are the scenario's responder credentials, not real ones):");
            out.println("  export AWS_ENDPOINT_URL=" + sb.endpoint());
            out.println("  export AWS_ACCESS_KEY_ID=" + c.accessKeyId());
            out.println("  export AWS_SECRET_ACCESS_KEY=" + c.secretAccessKey());
            out.println("  export AWS_REGION=us-east-1");
            out.println("Press Ctrl-C to stop it.");
            out.flush();
            try {
                Thread.currentThread().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ExitCode.OK;
    }

    private static long number(String v, String option, long min, long max) {
        try {
            long n = Long.parseLong(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new UsageException(option + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
    }

    private static double rate(String v, String option) {
        try {
            double r = Double.parseDouble(v.trim());
            if (r >= 0 && r <= 1) {
                return r;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new UsageException(option + " must be a fraction of calls from 0 to 1 such as 0.2, got '" + v + "'");
    }

    private String summary(Session s) {
        Map<StepState, Long> counts = s.status().stream()
                .collect(Collectors.groupingBy(StepView::state, LinkedHashMap::new, Collectors.counting()));
        List<String> waiting = new ArrayList<>();
        s.status().stream().filter(v -> v.state() == StepState.AWAITING).forEach(v -> waiting.add(v.id()));
        String line = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
        return "steps: " + line + (waiting.isEmpty() ? "" : "\nawaiting the operator: " + String.join(", ", waiting)
                + " (approve with --approve, answer with --answers FILE)");
    }

    private Map<String, JsonNode> readAnswers(Path file, Runbook rb, List<String> stepIds) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UsageException("--answers " + file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"));
        }
        if (root == null || !root.isObject()) {
            throw new UsageException("--answers " + file + " must be a YAML mapping of step id to answer, "
                    + "e.g. moveApplication: done / concludeReview: contained");
        }
        Map<String, JsonNode> m = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> {
            if (!stepIds.contains(e.getKey())) {
                throw new UsageException("--answers " + file + " answers step '" + e.getKey() + "', which " + rb.id()
                        + " does not have");
            }
            m.put(e.getKey(), e.getValue());
        });
        return m;
    }
}
