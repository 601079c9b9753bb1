package dev.irshell.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionResult;
import dev.irshell.action.Finding;
import dev.irshell.action.Secret;
import dev.irshell.action.Table;
import dev.irshell.engine.StepState;
import dev.irshell.engine.StepView;
import dev.irshell.preflight.PreflightReport;
import dev.irshell.preflight.RunbookNeeds;
import dev.irshell.preflight.Verdict;
import dev.irshell.runbook.Problem;
import dev.irshell.runbook.Runbook;
import dev.irshell.runbook.Step;
import dev.irshell.runbook.StepKind;
import java.util.ArrayList;
import java.util.List;

/** Turns engine results into text for the operator. Pure: returns strings, prints nothing. */
public final class Renderer {
    static final int MAX_ROWS = 40;
    static final int MAX_CELL = 48;

    private final Ansi ansi;

    public Renderer(Ansi ansi) {
        this.ansi = ansi;
    }

    public Ansi ansi() {
        return ansi;
    }

    public String stepHeader(StepView v) {
        Step step = v.step();
        return stepHeader(v.section(), v.index(), v.total(), v.id(), step.name(), kindLabel(step), step.doc());
    }

    /**
     * A step's header from its parts: what a replay has when all it holds is the transcript.
     *
     * @param index 0-based place in running order, or -1 when unknown; {@code total} steps, or 0 when unknown
     * @param kind  e.g. "action iam.createAccessKey"; doc may be null or blank
     */
    public String stepHeader(String section, int index, int total, String id, String name, String kind, String doc) {
        StringBuilder b = new StringBuilder();
        if (section != null && !section.isBlank()) {
            b.append(ansi.dim(section)).append('\n');
        }
        String place = index < 0 ? "" : "[" + (index + 1) + "/" + (total > 0 ? total : "?") + "] ";
        b.append(ansi.bold(place + id + " — " + name));
        b.append(ansi.dim("  (" + kind + ")")).append('\n');
        if (doc != null && !doc.isBlank()) {
            b.append(indent(doc.strip(), "  ")).append('\n');
        }
        return b.toString();
    }

    private static String kindLabel(Step step) {
        return kindLabel(step.kind().name().toLowerCase(java.util.Locale.ROOT),
                step.kind() == StepKind.RUNBOOK ? step.runbook() : step.action());
    }

    /**
     * What kind of step it is, in the header's words.
     *
     * @param kind  action, manual, decision or runbook (as the transcript writes it)
     * @param which the action's name or the called runbook's id; null when unknown
     */
    public static String kindLabel(String kind, String which) {
        return switch (kind) {
            case "action" -> which == null ? "action" : "action " + which;
            case "manual" -> "manual: you act, then answer";
            case "decision" -> "decision";
            case "runbook" -> which == null ? "runs another runbook" : "runs runbook " + which;
            default -> kind;
        };
    }

    /** What the operator sees after a step ran. */
    public String stepResult(StepView v) {
        return stepResult(v.id(), v.state(), v.reason(), v.decision(), v.result(), List.of());
    }

    /**
     * A step's result from its parts (what a replay rebuilds from a step.end entry).
     *
     * @param result             the action's result, or null
     * @param secretsNotRecorded labels of secrets that were shown once here and, by design, recorded nowhere
     */
    public String stepResult(String id, StepState state, String reason, String decision, ActionResult result,
                             List<String> secretsNotRecorded) {
        StringBuilder b = new StringBuilder();
        ActionResult r = state == StepState.DONE || state == StepState.FAILED || state == StepState.PENDING
                ? result : null;
        for (String label : secretsNotRecorded) {
            b.append(secretNotRecorded(label));
        }
        if (r != null) {
            for (Secret s : r.secrets()) {
                b.append(secret(s));
            }
            for (Table t : r.tables()) {
                b.append(table(t));
            }
            if (r.data() != null && r.data().hasNonNull("pasteText")) {
                b.append(ansi.bold("Text to paste:")).append('\n').append(indent(r.data().get("pasteText").asText(), "  "))
                        .append('\n');
            }
            for (Finding f : r.findings()) {
                b.append(finding(f)).append('\n');
            }
        }
        b.append(stateLine(id, state, reason, decision, result)).append('\n');
        return b.toString();
    }

    public String stateLine(StepView v) {
        return stateLine(v.id(), v.state(), v.reason(), v.decision(), v.result());
    }

    public String stateLine(String id, StepState state, String reason, String decision, ActionResult result) {
        String label = state(state);
        String text = switch (state) {
            case DONE -> result != null ? result.summary()
                    : decision != null ? "answered: " + decision : "done";
            default -> reason == null ? "" : reason;
        };
        return label + " " + id + (text == null || text.isEmpty() ? "" : ": " + text);
    }

    public String state(StepState s) {
        String l = "[" + s.label() + "]";
        return switch (s) {
            case DONE -> ansi.green(l);
            case SKIPPED -> ansi.dim(l);
            case FAILED -> ansi.boldRed(l);
            case BLOCKED, AWAITING -> ansi.yellow(l);
            case PENDING -> l;
        };
    }

    public String finding(Finding f) {
        return switch (f.severity()) {
            case CRITICAL -> ansi.boldRed("!! " + f.message());
            case WARN -> ansi.yellow(" ! " + f.message());
            case INFO -> ansi.cyan(" i " + f.message());
        };
    }

    /** Where a secret was shown once: a replay says so, since the value was never recorded. */
    public String secretNotRecorded(String label) {
        return ansi.inverse(" SHOWN ONCE ") + " " + ansi.bold(label) + ": the secret was shown here once and was not"
                + " recorded anywhere\n";
    }

    public String secret(Secret s) {
        String line = "  " + s.label() + ": " + s.value();
        return ansi.inverse(" SHOWN ONCE — copy it now; it is not stored anywhere ") + "\n" + ansi.bold(line) + "\n";
    }

    public String table(Table t) {
        return table(t, MAX_ROWS, MAX_CELL);
    }

    /** A table showing at most {@code maxRows} rows (a step's result shows 40; a comparison shows every step). */
    public String table(Table t, int maxRows) {
        return table(t, maxRows, MAX_CELL);
    }

    private String table(Table t, int maxRows, int maxCell) {
        List<String> cols = t.columns();
        int[] w = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            w[i] = cols.get(i).length();
        }
        List<List<String>> rows = t.rows().subList(0, Math.min(maxRows, t.rows().size()));
        for (List<String> row : rows) {
            for (int i = 0; i < w.length && i < row.size(); i++) {
                w[i] = Math.max(w[i], cell(row.get(i), maxCell).length());
            }
        }
        StringBuilder b = new StringBuilder();
        if (t.title() != null && !t.title().isBlank()) {
            b.append(ansi.bold(t.title())).append('\n');
        }
        b.append("  ").append(ansi.bold(line(cols, w, maxCell))).append('\n');
        StringBuilder rule = new StringBuilder();
        for (int x : w) {
            rule.append("-".repeat(x)).append("  ");
        }
        b.append("  ").append(rule.toString().stripTrailing()).append('\n');
        for (int r = 0; r < rows.size(); r++) {
            String text = line(rows.get(r), w, maxCell);
            boolean hot = t.highlighted().contains(r);
            b.append(hot ? ansi.yellow("> " + text) : "  " + text).append('\n');
        }
        if (t.rows().size() > rows.size()) {
            b.append(ansi.dim("  … " + (t.rows().size() - rows.size()) + " more rows (all " + t.rows().size()
                    + " are in the transcript; `outputs` shows the step's values)")).append('\n');
        }
        if (t.rows().isEmpty()) {
            b.append(ansi.dim("  (none)")).append('\n');
        }
        return b.toString();
    }

    private static String line(List<String> cells, int[] w, int maxCell) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            String c = i < cells.size() ? cell(cells.get(i), maxCell) : "";
            b.append(c).append(" ".repeat(w[i] - c.length())).append("  ");
        }
        return b.toString().stripTrailing();
    }

    private static String cell(String s, int maxCell) {
        if (s == null) {
            return "-";
        }
        String one = s.replace('\n', ' ');
        return one.length() > maxCell ? one.substring(0, maxCell - 1) + "…" : one;
    }

    public String status(Runbook rb, List<StepView> views, String currentId) {
        StringBuilder b = new StringBuilder(ansi.bold(rb.title())).append('\n');
        String section = null;
        for (StepView v : views) {
            String sec = v.section();
            if (!sec.equals(section)) {
                section = sec;
                b.append(ansi.dim(sec)).append('\n');
            }
            boolean here = v.id().equals(currentId);
            String mark = here ? ansi.bold("▶ ") : "  ";
            b.append(mark).append(pad(state(v.state()), v.state().label().length() + 2, 11)).append(' ')
                    .append(v.id()).append(" — ").append(v.step().name());
            if (v.undone()) {
                b.append(ansi.dim(" (undone)"));
            }
            if (v.reason() != null && v.state() != StepState.DONE) {
                b.append('\n').append("              ").append(ansi.dim(v.reason()));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String pad(String styled, int visible, int width) {
        return styled + " ".repeat(Math.max(0, width - visible));
    }

    public String outputs(ObjectNode outputs) {
        if (outputs.isEmpty()) {
            return "no outputs yet: outputs appear as steps complete\n";
        }
        StringBuilder b = new StringBuilder();
        outputs.fields().forEachRemaining(e -> {
            b.append(ansi.bold(e.getKey())).append('\n');
            e.getValue().fields().forEachRemaining(o -> b.append("  ").append(o.getKey()).append(" = ")
                    .append(scalar(o.getValue())).append('\n'));
        });
        return b.toString();
    }

    private static String scalar(JsonNode v) {
        return v.isTextual() ? v.textValue() : v.toString();
    }

    public String runbooks(List<Runbook> all, List<Problem> problems) {
        StringBuilder b = new StringBuilder();
        for (Runbook rb : all) {
            long n = rb.steps().size();
            b.append(ansi.bold(rb.id())).append("  ").append(rb.title()).append(ansi.dim("  (" + n + " steps, v" + rb.version() + ")"))
                    .append('\n');
            b.append("    ").append(ansi.dim("follows: " + rb.source().title() + " " + rb.source().url())).append('\n');
        }
        for (Problem p : problems) {
            b.append(ansi.red("not loaded: " + p)).append('\n');
        }
        return b.toString();
    }

    /**
     * A preflight report: one row per IAM action of each step (the step's id, action and effect on its
     * first row), its verdict, denied rows highlighted, then the summary. Nothing is cut: the operator
     * needs every missing permission's name.
     */
    public String preflight(PreflightReport r) {
        int nested = r.steps().size() - r.rootSteps();
        StringBuilder b = new StringBuilder(ansi.bold("preflight " + r.runbook())).append(": ").append(r.rootSteps())
                .append(" steps").append(nested > 0 ? " and " + nested + " in the runbooks it calls" : "")
                .append(", as ").append(r.callerArn()).append(" in account ").append(r.account()).append('\n');
        b.append(ansi.dim(wrap("method: " + r.method().label() + ". " + r.methodNote(), 100))).append("\n\n");
        List<List<String>> rows = new ArrayList<>();
        java.util.Set<Integer> denied = new java.util.HashSet<>();
        for (RunbookNeeds.StepNeed s : r.steps()) {
            String action = switch (s.kind()) {
                case ACTION -> s.action();
                case MANUAL -> "(manual)";
                case DECISION -> "(decision)";
                case RUNBOOK -> "runs " + s.runbook();
            };
            String effect = s.effect() == null ? "-" : s.effect().name().toLowerCase(java.util.Locale.ROOT);
            if (s.iamActions().isEmpty()) {
                rows.add(List.of(s.id(), action, effect, "-", s.kind() == StepKind.RUNBOOK ? "its steps follow" : "no AWS call"));
                continue;
            }
            boolean first = true;
            for (String a : s.iamActions()) {
                Verdict v = r.verdict(a);
                if (v.denied()) {
                    denied.add(rows.size());
                }
                rows.add(List.of(first ? s.id() : "", first ? action : "", first ? effect : "", a, v.describe()));
                first = false;
            }
        }
        b.append(table(new Table(null, List.of("step", "action", "effect", "IAM action", "result"), rows, denied),
                Integer.MAX_VALUE, Integer.MAX_VALUE));
        b.append('\n');
        for (String line : r.summary()) {
            b.append(r.ok() ? ansi.green(line) : line.contains(" cannot run: ") ? ansi.boldRed(line)
                    : line.contains(" could not be checked ") ? ansi.yellow(line) : line).append('\n');
        }
        return b.toString();
    }

    /** What the operator reads first: where this shell acts, so nobody mistakes a sandbox for a live account. */
    public String banner(Workspace ws) {
        if (ws.replay().isPresent()) {
            var rec = ws.replay().get().recording();
            return framed(ansi.inverse(" REPLAY ") + ' ' + ansi.bold(rec.title()) + " — session " + rec.sessionId()
                    + " of account " + rec.caller().account() + '\n' + "AWS answers come from " + rec.file()
                    + ": no AWS call is made. A choice the recording has no answer for fails its step; `end` compares"
                    + " this run with the recording.");
        }
        return framed(ws.sandbox().map(this::sandbox).orElseGet(() -> ansi.boldRed(" LIVE ")
                + " every change acts on the AWS account your credentials reach (`whoami` shows it); each one is shown"
                + " and waits for you."));
    }

    /**
     * The banner of a sandbox whose simulated account is still being built: the prompt comes at
     * once, and {@link #sandbox} is printed above it when the account is up.
     */
    public String bannerStarting(String scenario) {
        return framed(ansi.inverse(" SANDBOX ") + ' ' + ansi.bold(scenario) + " — starting the simulated account");
    }

    /** What every banner says around what it is about: the tool and version above, where to begin below. */
    private String framed(String what) {
        return ansi.bold("irshell " + Version.get()) + " — guided incident response for AWS\n" + what + '\n'
                + ansi.dim("`runbooks` lists what you can run, `start RUNBOOK` begins, `help` lists the commands.");
    }

    /** What a sandbox is: its scenario, and the simulated account and where it listens. */
    public String sandbox(dev.irshell.sandbox.Sandbox sb) {
        return ansi.inverse(" SANDBOX ") + ' ' + ansi.bold(sb.scenario().name()) + " — " + sb.scenario().title() + '\n'
                + "A simulated account (" + sb.accountId() + ") on " + sb.endpoint()
                + ": nothing here touches AWS. `grade` scores your work.";
    }

    /** Breaks {@code text} into lines of at most {@code width} characters at spaces (longer words stay whole). */
    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (String word : text.split(" ")) {
            if (lineLength > 0 && lineLength + 1 + word.length() > width) {
                out.append('\n');
                lineLength = 0;
            } else if (lineLength > 0) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
        }
        return out.toString();
    }

    public static String indent(String text, String prefix) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n", -1)) {
            out.add(l.isEmpty() ? "" : prefix + l);
        }
        return String.join("\n", out);
    }

    /**
     * A confirmation as the operator sees it: the plan in yellow (red for a destroy), then the
     * question, on which the operator types. {@code text} is the prompt's whole text, its last line
     * the question.
     */
    public String confirmation(boolean destroy, String text) {
        int last = text.lastIndexOf('\n');
        String body = last < 0 ? "" : text.substring(0, last + 1);
        String question = last < 0 ? text : text.substring(last + 1);
        return (destroy ? ansi.boldRed(body) : ansi.yellow(body)) + ansi.bold(question) + " ";
    }

    /** The choices of a decision, for the prompt. */
    public String choices(Step step) {
        StringBuilder b = new StringBuilder(ansi.bold(step.question())).append('\n');
        if (step.kind() == StepKind.DECISION) {
            step.choices().forEach(c -> b.append("  ").append(ansi.bold(c.id())).append(" — ").append(c.label()).append('\n'));
        }
        return b.toString();
    }
}
