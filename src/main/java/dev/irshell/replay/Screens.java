package dev.irshell.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionResult;
import dev.irshell.engine.StepState;
import dev.irshell.shell.Ansi;
import dev.irshell.shell.Renderer;
import dev.irshell.transcript.Hashes;
import dev.irshell.transcript.TranscriptEntry;
import dev.irshell.transcript.TranscriptReader;
import dev.irshell.transcript.VerifyResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds, from a transcript alone, what the operator saw, screen by screen: each step's header,
 * the plan shown at each confirmation and what was typed, each result's tables, findings and state
 * (drawn by the shell's own {@link Renderer}), notes, undos and the end. Secrets were shown once
 * and never recorded; where one was shown, a line says so. Annotations appear at their steps.
 */
public final class Screens {
    private Screens() {}

    /** Builds the screens of {@code rec}, with {@code annotations} shown where they belong. */
    public static List<Screen> of(Recording rec, Renderer render, List<Annotations.Annotation> annotations) {
        return new Builder(rec, render, annotations).build();
    }

    /** A step.end entry's result as the engine had it (data, summary, tables, findings; never secrets). */
    public static ActionResult result(ObjectNode end) {
        return dev.irshell.engine.RecordedResult.of(end);
    }

    /** The engine's state for a label, or null for one it does not know (a damaged record). */
    static StepState state(String label) {
        try {
            return StepState.valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static final class Builder {
        private final Recording rec;
        private final Renderer render;
        private final Ansi ansi;
        private final List<Screen> out = new ArrayList<>();
        private final Map<String, List<Annotations.Annotation>> byStep = new LinkedHashMap<>();
        private final Set<String> annotated = new HashSet<>();
        private final Map<String, String> actionOf = new HashMap<>();
        private final List<String> order;
        private Instant last;

        Builder(Recording rec, Renderer render, List<Annotations.Annotation> annotations) {
            this.rec = rec;
            this.render = render;
            this.ansi = render.ansi();
            this.order = rec.steps().stream().map(Recording.StepInfo::id).toList();
            this.last = rec.started();
            Set<String> known = new LinkedHashSet<>(rec.ranStepIds());
            for (Annotations.Annotation a : annotations) {
                String key = a.step() != null && known.contains(a.step()) ? a.step() : "";
                byStep.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
            }
            for (TranscriptEntry e : rec.entries()) {
                if (e.data().hasNonNull("action") && e.data().hasNonNull("step")) {
                    actionOf.putIfAbsent(e.data().get("step").asText(), e.data().get("action").asText());
                }
            }
        }

        List<Screen> build() {
            VerifyResult v = rec.verify();
            long untrustedFrom = v.status() == VerifyResult.Status.OK ? Long.MAX_VALUE
                    : v.brokenAtLine() > 0 ? v.brokenAtLine() : Long.MAX_VALUE;
            boolean sessionShown = false;
            for (TranscriptReader.Line line : rec.lines()) {
                if (line.number() == untrustedFrom) {
                    add(null, Screen.Kind.DAMAGE, ansi.boldRed("▼ from line " + line.number() + " on, the record does not"
                            + " verify: " + v.problem()) + "\n" + ansi.red("  what follows is shown as written and cannot"
                            + " be trusted") + "\n");
                }
                TranscriptEntry e = line.entry();
                if (e == null) {
                    String text = line.text().length() > 200 ? line.text().substring(0, 199) + "…" : line.text();
                    add(null, Screen.Kind.DAMAGE, ansi.boldRed("✖ line " + line.number() + " is not a transcript entry: "
                            + line.problem()) + "\n" + ansi.dim("  " + text) + "\n");
                    continue;
                }
                last = e.ts().isBefore(last) ? last : e.ts();
                entry(e, line.text());
                if (e.type().equals("header") && !sessionShown) {
                    sessionShown = true;
                    annotationsOf("");
                }
            }
            if (!sessionShown) {
                annotationsOf("");
            }
            return List.copyOf(out);
        }

        private void add(String step, Screen.Kind kind, String text) {
            out.add(new Screen(last, step, kind, text));
        }

        private void entry(TranscriptEntry e, String line) {
            ObjectNode d = e.data();
            String step = d.hasNonNull("step") ? d.get("step").asText() : null;
            switch (e.type()) {
                case "header" -> add(null, Screen.Kind.SESSION, session(d));
                case "step.start" -> {
                    int index = order.indexOf(step);
                    String kind = d.path("kind").asText("");
                    add(step, Screen.Kind.STEP, render.stepHeader(d.path("section").asText(""), index, order.size(), step,
                            d.path("name").asText(step), Renderer.kindLabel(kind, actionOf.get(step)), null));
                    if (annotated.add(step)) {
                        annotationsOf(step);
                    }
                }
                case "prompt" -> add(step, Screen.Kind.PROMPT, prompt(d));
                case "answer" -> add(step, Screen.Kind.ANSWER, answer(d));
                case "step.end" -> add(step, Screen.Kind.RESULT, result(step, d));
                case "step.skip" -> add(step, Screen.Kind.EVENT, render.stateLine(step, StepState.SKIPPED,
                        "operator".equals(d.path("by").asText())
                                ? "skipped by the operator: " + d.path("reason").asText("")
                                : d.path("reason").asText(""), null, null) + "\n");
                case "note" -> add(step, Screen.Kind.EVENT, ansi.cyan("✎ note") + (step == null ? "" : ansi.dim(" (" + step + ")"))
                        + ": " + d.path("text").asText("") + "\n");
                case "goto" -> add(step, Screen.Kind.EVENT, ansi.dim("goto " + step) + "\n");
                case "undo" -> add(step, Screen.Kind.EVENT, undo(step, d));
                case "run.stop" -> add(step, Screen.Kind.EVENT, ansi.yellow("run stopped at " + step + ": "
                        + d.path("reason").asText("")) + "\n");
                case "session.end" -> add(null, Screen.Kind.END, sessionEnd(d));
                case "seal" -> add(null, Screen.Kind.END, "transcript sealed, final digest "
                        + Hashes.sha256Hex(line.getBytes(StandardCharsets.UTF_8)) + "\n");
                case "plan", "aws.call" -> { }
                default -> add(step, Screen.Kind.EVENT, ansi.dim("(" + e.type() + " entry)") + "\n");
            }
        }

        private String session(ObjectNode h) {
            JsonNode mode = h.path("mode");
            StringBuilder label = new StringBuilder(mode.path("environment").asText("live"));
            if (mode.path("dryRun").asBoolean()) {
                label.append(", dry run");
            }
            if (mode.path("readOnly").asBoolean()) {
                label.append(", read-only");
            }
            JsonNode rb = h.path("runbook");
            JsonNode c = h.path("caller");
            StringBuilder b = new StringBuilder();
            b.append(ansi.bold(rb.path("title").asText(rb.path("id").asText("?")))).append("  ")
                    .append(ansi.dim("(" + label + ")")).append('\n');
            b.append("account ").append(c.path("account").asText("?")).append(" as ").append(c.path("arn").asText("?"))
                    .append(", region ").append(h.path("region").asText("?")).append('\n');
            b.append(ansi.dim("runbook " + rb.path("id").asText("?") + " v" + rb.path("version").asText("?")
                    + " (sha256 " + rb.path("sha256").asText("?") + "), irshell " + h.path("tool").path("version").asText("?")
                    + ", operator " + h.path("operator").path("user").asText("?") + "@"
                    + h.path("operator").path("host").asText("?") + ", session " + h.path("sessionId").asText("?")))
                    .append('\n');
            List<String> inputs = new ArrayList<>();
            h.path("inputs").fields().forEachRemaining(f -> {
                if (!f.getValue().isNull()) {
                    inputs.add(f.getKey() + "=" + (f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
                }
            });
            if (!inputs.isEmpty()) {
                b.append(ansi.dim("inputs " + String.join(", ", inputs))).append('\n');
            }
            JsonNode replay = mode.path("replay");
            if (replay.isObject()) {
                b.append(ansi.dim("a replay of " + replay.path("transcript").asText("?") + " (digest "
                        + replay.path("digest").asText("?") + ")")).append('\n');
            }
            return b.append('\n').toString();
        }

        private String prompt(ObjectNode d) {
            String kind = d.path("kind").asText("");
            String shown = d.path("shown").asText("");
            return switch (kind) {
                case "decision" -> {
                    int nl = shown.indexOf('\n');
                    String q = nl < 0 ? shown : shown.substring(0, nl);
                    yield ansi.bold(q) + (nl < 0 ? "" : shown.substring(nl)) + "\n" + ansi.bold("choice >") + " ";
                }
                case "manual" -> ansi.bold("Manual step: ") + render.confirmation(false, shown);
                default -> render.confirmation(kind.equals("destroy"), shown);
            };
        }

        private String answer(ObjectNode d) {
            String kind = d.path("kind").asText("");
            return switch (kind) {
                case "manual" -> {
                    String a = d.path("answer").asText("none");
                    String note = d.hasNonNull("note") ? ": " + d.get("note").asText() : "";
                    yield switch (a) {
                        case "done" -> "done" + note + "\n";
                        case "not_done" -> "not done" + note + "\n";
                        default -> ansi.dim("(no answer: nobody answered this step)") + "\n";
                    };
                }
                case "decision" -> d.hasNonNull("answer")
                        ? d.get("answer").asText() + (d.path("accepted").asBoolean(true) ? "" : ansi.yellow("  (not a choice)")) + "\n"
                        : ansi.dim("(no answer: nobody decided)") + "\n";
                case "lockout" -> d.hasNonNull("typed") && !d.get("typed").asText().isBlank()
                        ? d.get("typed").asText() + ansi.yellow("  → the lock-out guard was overridden") + "\n"
                        : ansi.dim("(no reason given: not overridden)") + "\n";
                default -> {
                    boolean approved = d.path("approved").asBoolean(false);
                    if (!d.hasNonNull("typed")) {
                        yield ansi.dim("(no answer: not approved in this run)") + "\n";
                    }
                    yield d.get("typed").asText() + (approved ? ansi.green("  → approved") : ansi.yellow("  → not approved"))
                            + "\n";
                }
            };
        }

        private String result(String step, ObjectNode d) {
            StepState state = state(d.path("state").asText(null));
            if (state == null) {
                return ansi.yellow("[" + d.path("state").asText("?") + "] " + step) + "\n";
            }
            List<String> secrets = new ArrayList<>();
            d.path("secretsShownOnce").forEach(s -> secrets.add(s.asText()));
            ActionResult r = d.has("summary") ? Screens.result(d) : null;
            String reason = d.hasNonNull("reason") ? d.get("reason").asText() : null;
            String decision = d.hasNonNull("decision") ? d.get("decision").asText() : null;
            return render.stepResult(step, state, reason, decision, r, secrets) + "\n";
        }

        private String undo(String step, ObjectNode d) {
            return switch (d.path("outcome").asText("")) {
                case "done" -> ansi.green("undone: ") + step + " — " + d.path("summary").asText("") + "\n";
                case "failed" -> ansi.boldRed("undo of " + step + " failed: " + d.path("error").path("message").asText("")) + "\n";
                default -> ansi.yellow("undo of " + step + " not run: " + d.path("reason").asText("")) + "\n";
            };
        }

        private String sessionEnd(ObjectNode d) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            d.path("states").fields().forEachRemaining(f -> counts.merge(f.getValue().asText(), 1, Integer::sum));
            List<String> parts = new ArrayList<>();
            counts.forEach((k, n) -> parts.add(n + " " + k));
            return "session ended: " + (parts.isEmpty() ? "no steps" : String.join(", ", parts)) + "\n";
        }

        private void annotationsOf(String key) {
            for (Annotations.Annotation a : byStep.getOrDefault(key, List.of())) {
                String where = a.step() == null ? "" : key.isEmpty() ? " on " + a.step() + " (a step this session never ran)" : "";
                add(a.step(), Screen.Kind.ANNOTATION, ansi.inverse(" REVIEW ") + " " + ansi.bold(a.user()) + where
                        + ansi.dim(" (" + a.at() + ")") + ": " + a.text() + "\n");
            }
        }
    }
}
