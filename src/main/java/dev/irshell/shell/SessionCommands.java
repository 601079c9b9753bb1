package dev.irshell.shell;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionFailure;
import dev.irshell.engine.CallerIdentity;
import dev.irshell.engine.InputException;
import dev.irshell.engine.Inputs;
import dev.irshell.engine.Session;
import dev.irshell.engine.SessionException;
import dev.irshell.engine.StepView;
import dev.irshell.runbook.InputDef;
import dev.irshell.runbook.Runbook;
import dev.irshell.runbook.RunbookException;
import dev.irshell.runbook.Step;
import dev.irshell.sandbox.Grader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/**
 * The interactive commands. Each parses, delegates to the session, and renders; expected
 * refusals come back as text, never as stack traces.
 */
@ShellComponent
public class SessionCommands {
    private final ShellState state;
    private final Renderer render;
    /** The shell's reader, which is made after the commands (its completion and highlighting read them). */
    private final Supplier<LineReader> readers;

    public SessionCommands(ShellState state, Renderer render, Supplier<LineReader> reader) {
        this.state = state;
        this.render = render;
        this.readers = reader;
    }

    private LineReader reader() {
        return readers.get();
    }

    private Workspace ws() {
        return state.workspace();
    }

    private String guarded(Supplier<String> body) {
        try {
            return body.get();
        } catch (SessionException | UsageException | WrongAccountException e) {
            return render.ansi().yellow(e.getMessage());
        } catch (ActionFailure f) {
            return render.ansi().boldRed(f.describe());
        }
    }

    private PrintWriter out() {
        return reader().getTerminal().writer();
    }

    @ShellMethod(key = "version", value = "Show irshell's version.", group = "Built-In Commands")
    public String version() {
        return "irshell " + Version.get();
    }

    @ShellMethod(key = "runbooks", value = "List the runbooks you can start.", group = "Runbooks")
    public String runbooks() {
        return guarded(() -> render.runbooks(ws().runbooks().all(), ws().runbooks().problems()));
    }

    @ShellMethod(key = "whoami", value = "Show the account, identity and region this shell acts as.", group = "Runbooks")
    public String whoami() {
        return guarded(() -> {
            CallerIdentity c = ws().identity();
            return "account " + AccountLabel.format(c.account(), ws().accountAlias().orElse(null)) + "\nidentity "
                    + c.arn() + "\naccess key " + c.accessKeyId()
                    + "\nregion " + ws().region() + "\nmode " + ws().sessionOptions().modeLabel();
        });
    }

    @ShellMethod(key = "preflight", value = "Whether these credentials can run a runbook: preflight RUNBOOK", group = "Runbooks")
    public String preflight(
            @ShellOption(help = "runbook id (see `runbooks`) or path to a runbook file", valueProvider = Completion.RunbookIds.class)
            String runbook) {
        return guarded(() -> {
            Runbook rb;
            try {
                rb = ws().runbooks().resolve(runbook);
            } catch (RunbookException e) {
                return render.ansi().red(e.problems().stream().map(Object::toString).collect(Collectors.joining("\n")));
            }
            try {
                ws().identity();
            } catch (ActionFailure f) {
                return render.ansi().boldRed(Help.cannotReachAccount(f, ws()));
            }
            return render.preflight(ws().preflight(rb));
        });
    }

    @ShellMethod(key = "start", value = "Start a runbook: start RUNBOOK [--input NAME=VALUE ...]", group = "Runbooks")
    public String start(
            @ShellOption(help = "runbook id (see `runbooks`) or path to a runbook file", valueProvider = Completion.RunbookIds.class)
            String runbook,
            @ShellOption(value = "--input", arity = 16, defaultValue = ShellOption.NULL,
                    help = "NAME=VALUE, one or more", valueProvider = Completion.InputValues.class)
            String[] input) {
        return guarded(() -> {
            state.session().ifPresent(running -> {
                throw new SessionException("runbook " + running.runbook().id() + " is still running: `end` it first");
            });
            Runbook rb;
            try {
                rb = ws().runbooks().resolve(runbook);
            } catch (RunbookException e) {
                return render.ansi().red(e.problems().stream().map(Object::toString).collect(Collectors.joining("\n")));
            }
            Map<String, String> given = new LinkedHashMap<>();
            if (input != null) {
                for (String kv : input) {
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        return render.ansi().yellow("--input takes NAME=VALUE, got '" + kv + "'");
                    }
                    given.put(kv.substring(0, eq).trim(), kv.substring(eq + 1));
                }
            }
            if (ws().replay().isPresent()) {
                given = new LinkedHashMap<>(ws().replay().get().inputs(given)); // inputs not given are the recording's
            }
            for (InputDef def : Inputs.missing(rb, given)) {
                Optional<String> v = askInput(def);
                if (v.isEmpty()) {
                    return render.ansi().yellow("not started: input '" + def.name() + "' is required");
                }
                given.put(def.name(), v.get());
            }
            ObjectNode in;
            try {
                in = ws().replay().isEmpty() ? Inputs.resolve(rb, given)
                        : Inputs.resolve(rb, given, ws().replay().get().inputClock());
            } catch (InputException e) {
                return render.ansi().yellow(String.join("\n", e.problems()));
            }
            CallerIdentity caller;
            try {
                caller = ws().identity();
            } catch (ActionFailure f) {
                return render.ansi().boldRed(Help.cannotReachAccount(f, ws()));
            }
            Session s;
            try {
                s = ws().sessions().start(rb, in, ws().sessionOptions(), caller, new JLineConfirmer(reader(), render),
                        ws().relay(), new ProgressLine(reader().getTerminal()));
            } catch (IOException e) {
                return render.ansi().boldRed("cannot create the evidence folder under " + ws().options().evidenceDir()
                        + ": " + e.getMessage());
            }
            state.begin(s);
            StringBuilder b = new StringBuilder();
            b.append(render.ansi().bold("Started " + rb.id())).append(" — ").append(rb.title()).append('\n');
            b.append("follows: ").append(rb.source().title()).append("\n         ").append(rb.source().url()).append('\n');
            b.append("account ").append(caller.account()).append(" as ").append(caller.arn()).append(" (")
                    .append(ws().sessionOptions().modeLabel()).append(")\n");
            b.append("transcript ").append(s.transcriptFile()).append("\n\n");
            s.currentId().ifPresent(id -> b.append(render.stepHeader(s.view(id))));
            b.append(render.ansi().dim("`run` executes this step, `next` moves on, `status` shows the checklist."));
            return b.toString();
        });
    }

    private Optional<String> askInput(InputDef def) {
        while (true) {
            String v;
            try {
                v = reader().readLine(def.name() + " (" + def.description() + ") > ");
            } catch (UserInterruptException | EndOfFileException e) {
                return Optional.empty();
            }
            if (v == null || v.isBlank()) {
                return Optional.empty();
            }
            Optional<String> problem = Inputs.problem(def, v.trim());
            if (problem.isEmpty()) {
                return Optional.of(v.trim());
            }
            out().println(render.ansi().yellow(problem.get() + " — try again, or press Enter to cancel"));
        }
    }

    @ShellMethod(key = "step", value = "Show the current step and its guidance.", group = "Session")
    public String step() {
        return guarded(() -> {
            Session s = state.requireSession();
            String id = s.currentId().orElseThrow(() -> new SessionException(
                    "every step has been passed: `status` to review, `goto STEP` to revisit, `end` to seal the session"));
            StepView v = s.view(id);
            return render.stepHeader(v) + render.stateLine(v);
        });
    }

    @ShellMethod(key = "run", value = "Run the current step (asks before any change).", group = "Session")
    public String run() {
        return guarded(() -> {
            Session s = state.requireSession();
            String id = s.currentId().orElseThrow(() -> new SessionException(
                    "every step has been passed: `status` to review, `goto STEP` to revisit, `end` to seal the session"));
            out().print(render.stepHeader(s.view(id)));
            out().flush();
            StepView v = s.run();
            StringBuilder b = new StringBuilder(render.stepResult(v));
            s.currentId().map(s::view).ifPresentOrElse(
                    next -> b.append(render.ansi().dim("next: " + next.id() + " — " + next.step().name()
                            + " (`step` to read it, `run` to run it)")),
                    () -> b.append(render.ansi().dim("that was the last step: `status` to review, `end` to seal the session")));
            return b.toString();
        });
    }

    @ShellMethod(key = "next", value = "Move to the next step without running this one.", group = "Session")
    public String next() {
        return guarded(() -> {
            Session s = state.requireSession();
            s.next();
            return s.currentId().map(id -> render.stepHeader(s.view(id)))
                    .orElse("past the last step: `status` to review, `end` to seal the session");
        });
    }

    @ShellMethod(key = "skip", value = "Skip the current step, with a reason for the record.", group = "Session")
    public String skip(@ShellOption(value = "--reason", help = "why it is skipped (recorded)") String reason) {
        return guarded(() -> {
            Session s = state.requireSession();
            StepView v = s.skip(reason);
            return render.stateLine(v) + s.currentId().map(n -> "\nnext: " + n + " — " + s.view(n).step().name()).orElse("");
        });
    }

    @ShellMethod(key = "goto", value = "Go to a step: goto STEP", group = "Session")
    public String gotoStep(@ShellOption(help = "step id", valueProvider = Completion.StepIds.class) String step) {
        return guarded(() -> {
            Session s = state.requireSession();
            s.goTo(step);
            StepView v = s.view(step);
            return render.stepHeader(v) + render.stateLine(v);
        });
    }

    @ShellMethod(key = "status", value = "The checklist: every step and its state.", group = "Session")
    public String status() {
        return guarded(() -> {
            Session s = state.requireSession();
            return render.status(s.runbook(), s.status(), s.currentId().orElse(null));
        });
    }

    @ShellMethod(key = "outputs", value = "What the steps found so far.", group = "Session")
    public String outputs() {
        return guarded(() -> render.outputs(state.requireSession().outputs()));
    }

    @ShellMethod(key = "note", value = "Add a note to the record: note TEXT", group = "Session")
    public String note(@ShellOption(arity = Integer.MAX_VALUE, help = "the note") String[] text) {
        return guarded(() -> {
            state.requireSession().note(String.join(" ", text));
            return "noted";
        });
    }

    @ShellMethod(key = "undo", value = "Undo a completed change: undo STEP", group = "Session")
    public String undo(@ShellOption(help = "step id", valueProvider = Completion.StepIds.class) String step) {
        return guarded(() -> {
            StepView v = state.requireSession().undo(step);
            return render.ansi().green("undone: ") + v.id() + " — " + v.step().name();
        });
    }

    @ShellMethod(key = "grade", value = "Score this sandbox session against the scenario's objectives.", group = "Sandbox")
    public String grade() {
        return guarded(() -> ws().sandbox().map(sb -> Grader.grade(sb).render())
                .orElse("grade scores practice on the built-in sandbox: start irshell with --sandbox [SCENARIO]"));
    }

    @ShellMethod(key = "verify", value = "Check the session's record: verify --against-cloudtrail finds each change in CloudTrail",
            group = "Session")
    public String verify(@ShellOption(value = "--against-cloudtrail", help = "match each change to its CloudTrail event")
                         boolean againstCloudTrail) {
        return guarded(() -> {
            Session s = state.requireSession();
            if (!againstCloudTrail) {
                var report = dev.irshell.transcript.BundleVerifier.verify(s.transcriptFile());
                return report.chain().describe() + "\n" + render.ansi().dim(
                        "the signature is made when the session ends; `verify --against-cloudtrail` finds each change in CloudTrail");
            }
            var r = s.check(dev.irshell.action.aws.CloudTrailChangesAction.NAME);
            StringBuilder b = new StringBuilder();
            r.tables().forEach(t -> b.append(render.table(t)));
            r.findings().forEach(f -> b.append(render.finding(f)).append('\n'));
            return b.append(r.summary()).toString();
        });
    }

    /** The transcript a FILE argument names (a session folder names its transcript.jsonl). */
    public static java.nio.file.Path transcriptArg(String arg) {
        return Resume.transcript(arg);
    }

    @ShellMethod(key = "resume", value = "Go on with a session that was cut off: resume FILE (transcript or session folder)",
            group = "Runbooks")
    public String resume(@ShellOption(help = "the cut-off session's transcript.jsonl or its folder") String file) {
        return guarded(() -> {
            state.session().ifPresent(running -> {
                throw new SessionException("runbook " + running.runbook().id() + " is still running: `end` it first");
            });
            java.nio.file.Path t = Resume.transcript(file);
            dev.irshell.engine.Sessions.Resumed r;
            try {
                r = Resume.open(ws(), t, new JLineConfirmer(reader(), render), new ProgressLine(reader().getTerminal()));
            } catch (dev.irshell.engine.ResumeException e) {
                return render.ansi().yellow(e.getMessage());
            } catch (IOException e) {
                return render.ansi().boldRed("cannot reopen " + t + ": " + e.getMessage());
            }
            state.begin(r.session());
            StringBuilder b = new StringBuilder(Resume.describe(r, render, ws())).append('\n');
            r.session().currentId().ifPresentOrElse(id -> b.append(render.stepHeader(r.session().view(id))),
                    () -> b.append(render.ansi().dim("every step is settled: `status` to review, `end` to seal the session")));
            return b.toString();
        });
    }

    @ShellMethod(key = "end", value = "End the session and seal its transcript.", group = "Session")
    public String end() {
        return guarded(() -> {
            Session s = state.requireSession();
            String file = s.transcriptFile().toString();
            String summary = s.status().stream().collect(Collectors.groupingBy(v -> v.state().label(), LinkedHashMap::new,
                    Collectors.counting())).entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", "));
            String signer = s.signerFingerprint();
            String digest = state.endSession();
            String comparison = ws().replay().map(r -> "\n" + dev.irshell.replay.Comparison.of(r.recording(),
                    dev.irshell.replay.Recording.load(java.nio.file.Path.of(file))).render(render)).orElse("");
            return "session ended: " + summary + "\ntranscript sealed: " + file + "\nfinal digest " + digest
                    + "\nsigned with your key " + signer + " (manifest.json beside the transcript)"
                    + "\n" + render.ansi().dim("write the digest down or send it to your incident channel: it anchors the record")
                    + comparison;
        });
    }
}
