package dev.irshell.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.Action;
import dev.irshell.action.ActionCatalogue;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Finding;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import dev.irshell.action.Table;
import dev.irshell.action.Undo;
import dev.irshell.action.aws.AwsActions;
import dev.irshell.engine.SupportCaseAction;
import dev.irshell.transcript.TranscriptEntry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The action catalogue of a replay run: every real action's spec, plan and undo, but answers from a
 * recording instead of AWS. {@link Action#execute} returns what the recorded step.end holds for the
 * same action and parameters (its data, summary, tables and findings; secrets were never recorded),
 * or, for a forEach step, the recorded item with the same parameters. A recorded failure is failed
 * again in the same words. When the recording has no answer (other parameters, a change the
 * original operator did not make, a step it never ran) the action fails with
 * {@link ActionFailure.Kind#NOT_RECORDED}, saying what the original operator did instead.
 *
 * <p>Plans: every plan in the catalogue is computed from the parameters alone (none calls AWS); the
 * actions run over {@link NoAwsClients}, so a plan that one day needed AWS would fail there, and
 * the recorded plan of the same step and parameters is served instead.
 */
public final class ReplayCatalogue {
    private ReplayCatalogue() {}

    /** The catalogue for replaying {@code rec}: the real actions over no AWS at all, answered from the recording. */
    public static ActionCatalogue of(Recording rec) {
        List<Action> real = new ArrayList<>(AwsActions.all(new NoAwsClients(rec.region(), rec.caller().accessKeyId())));
        real.add(new SupportCaseAction());
        Answers answers = new Answers(rec);
        return new ActionCatalogue(real.stream().map(a -> (Action) new Recorded(a, answers)).toList());
    }

    /** The step the session is running: the last step.start (or an undo's plan) in its record so far. */
    static String currentStep(ActionContext ctx) {
        List<JsonNode> h = ctx.history().entries();
        for (int i = h.size() - 1; i >= 0; i--) {
            JsonNode e = h.get(i);
            String type = e.path("type").asText();
            if (type.equals("step.start") || (type.equals("plan") && e.path("data").path("undo").asBoolean())) {
                return e.path("data").path("step").asText(null);
            }
        }
        return null;
    }

    /** A real action whose execute is answered from the recording. */
    private static final class Recorded implements Action {
        private final Action real;
        private final Answers answers;

        Recorded(Action real, Answers answers) {
            this.real = real;
            this.answers = answers;
        }

        @Override
        public ActionSpec spec() {
            return real.spec();
        }

        @Override
        public Plan plan(Params params, ActionContext ctx) {
            try {
                return real.plan(params, ctx);
            } catch (ActionFailure f) {
                if (f.kind() != ActionFailure.Kind.NOT_RECORDED) {
                    throw f;
                }
                return answers.plan(currentStep(ctx), spec().name(), params).orElseThrow(() -> ActionFailure.notRecorded(
                        "the plan of " + spec().name() + " needs AWS, and the recording has no plan for it with "
                                + params + " at step " + currentStep(ctx)));
            }
        }

        @Override
        public ActionResult execute(Params params, ActionContext ctx) {
            return answers.answer(currentStep(ctx), spec().name(), params);
        }

        @Override
        public Optional<Undo> undo(Params params, ActionResult result) {
            return real.undo(params, result);
        }
    }

    /** The recording's answers, looked up by step, action and parameters. */
    static final class Answers {
        private final Recording rec;
        private final List<TranscriptEntry> entries;

        Answers(Recording rec) {
            this.rec = rec;
            this.entries = rec.entries();
        }

        private List<ObjectNode> ends() {
            return entries.stream().filter(e -> e.type().equals("step.end")).map(TranscriptEntry::data).toList();
        }

        ActionResult answer(String step, String action, Params params) {
            ObjectNode p = params.node();
            // an undo of this step, as the recording did it
            if (step != null && isUndo(step, action)) {
                return undoAnswer(step, action);
            }
            Optional<ActionResult> here = find(step, action, p, true);
            if (here.isPresent()) {
                return here.get();
            }
            Optional<ActionResult> elsewhere = find(step, action, p, false);
            if (elsewhere.isPresent()) {
                return elsewhere.get();
            }
            Optional<ActionFailure> failed = recordedFailure(step, action, p);
            if (failed.isPresent()) {
                throw failed.get();
            }
            throw ActionFailure.notRecorded(noAnswer(step, action, p));
        }

        /** The last recorded result of {@code action} with {@code params}, at {@code step} (or at any step). */
        private Optional<ActionResult> find(String step, String action, ObjectNode params, boolean sameStep) {
            List<ObjectNode> ends = ends();
            for (int i = ends.size() - 1; i >= 0; i--) {
                ObjectNode end = ends.get(i);
                if (!action.equals(end.path("action").asText()) || sameStep != end.path("step").asText("").equals(step)) {
                    continue;
                }
                if (end.has("params") && params.equals(end.get("params"))) {
                    return Optional.of(Screens.result(end));
                }
                JsonNode results = end.path("data").path("results");
                if (!end.has("params") && results.isArray()) {
                    for (int j = 0; j < results.size(); j++) {
                        if (params.equals(results.get(j).get("params"))) {
                            return Optional.of(itemResult(end, j));
                        }
                    }
                }
            }
            return Optional.empty();
        }

        /**
         * One item of a recorded forEach step: its data, and the tables and findings of the step that
         * name it. The engine lays each item's tables and findings after the previous item's, so they
         * are split where the next item is first named; what names no item stays with the one before.
         * Replaying the same items in the same order gives back exactly the recorded screen.
         */
        private static ActionResult itemResult(ObjectNode end, int index) {
            ActionResult all = Screens.result(end);
            JsonNode results = end.path("data").path("results");
            int failedCount = end.path("data").path("failed").size();
            List<List<String>> names = new ArrayList<>();
            for (JsonNode r : results) {
                names.add(names(r));
            }
            List<Table> tables = new ArrayList<>();
            int owner = 0;
            for (Table t : all.tables()) {
                StringBuilder text = new StringBuilder(t.title() == null ? "" : t.title());
                t.rows().forEach(row -> text.append(' ').append(String.join(" ", row)));
                owner = ownerOf(text.toString(), names, owner);
                if (owner == index) {
                    tables.add(t);
                }
            }
            List<Finding> findings = new ArrayList<>();
            owner = 0;
            List<Finding> own = all.findings().subList(0, Math.max(0, all.findings().size() - failedCount));
            for (Finding f : own) {
                owner = ownerOf(f.message(), names, owner);
                if (owner == index) {
                    findings.add(f);
                }
            }
            JsonNode data = results.get(index).get("data");
            return new ActionResult(data, "recorded item " + (index + 1) + " of " + results.size(), tables, findings,
                    List.of());
        }

        private static int ownerOf(String text, List<List<String>> names, int from) {
            for (int j = from; j < names.size(); j++) {
                for (String n : names.get(j)) {
                    if (n.length() >= 3 && text.contains(n)) {
                        return j;
                    }
                }
            }
            return from;
        }

        /** The textual values that name an item: the item itself and its parameters' values. */
        private static List<String> names(JsonNode result) {
            List<String> out = new ArrayList<>();
            JsonNode item = result.path("item");
            if (item.isTextual()) {
                out.add(item.asText());
            }
            result.path("params").forEach(v -> {
                if (v.isTextual() && !v.asText().isBlank()) {
                    out.add(v.asText());
                }
            });
            if (item.isObject() && item.hasNonNull("id")) {
                out.add(item.get("id").asText());
            }
            return out;
        }

        /** The recorded failure of this step (an action's error, or a forEach item's naming these parameters). */
        private Optional<ActionFailure> recordedFailure(String step, String action, ObjectNode params) {
            List<ObjectNode> ends = ends();
            for (int i = ends.size() - 1; i >= 0; i--) {
                ObjectNode end = ends.get(i);
                if (!end.path("step").asText("").equals(step)) {
                    continue;
                }
                if (end.path("error").isObject() && !end.has("action")) {
                    return Optional.of(failure(end.get("error")));
                }
                if (action.equals(end.path("action").asText())) {
                    for (JsonNode f : end.path("data").path("failed")) {
                        String item = f.path("item").isTextual() ? f.path("item").asText() : f.path("item").toString();
                        boolean named = true;
                        for (JsonNode v : params) {
                            if (v.isTextual() && !item.contains(v.asText())) {
                                named = false;
                            }
                        }
                        if (named) {
                            return Optional.of(failure(f.path("error")));
                        }
                    }
                }
                return Optional.empty();
            }
            return Optional.empty();
        }

        private static ActionFailure failure(JsonNode e) {
            ActionFailure.Kind kind;
            try {
                kind = ActionFailure.Kind.valueOf(e.path("kind").asText("aws").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException x) {
                kind = ActionFailure.Kind.AWS;
            }
            return ActionFailure.replayed(kind, e.path("message").asText(""), text(e, "service"), text(e, "operation"),
                    text(e, "region"), text(e, "errorCode"), text(e, "requestId"), e.path("httpStatus").asInt(0),
                    text(e, "missingPermission"));
        }

        private static String text(JsonNode n, String field) {
            return n.hasNonNull(field) ? n.get(field).asText() : null;
        }

        private boolean isUndo(String step, String action) {
            for (ObjectNode end : ends()) {
                if (end.path("step").asText("").equals(step)) {
                    for (JsonNode u : end.path("undos")) {
                        if (action.equals(u.path("action").asText())) {
                            return !action.equals(end.path("action").asText());
                        }
                    }
                }
            }
            return false;
        }

        private ActionResult undoAnswer(String step, String action) {
            for (int i = entries.size() - 1; i >= 0; i--) {
                TranscriptEntry e = entries.get(i);
                ObjectNode d = e.data();
                if (e.type().equals("undo") && d.path("step").asText("").equals(step)
                        && action.equals(d.path("action").asText())) {
                    if (d.path("outcome").asText().equals("done")) {
                        return ActionResult.of(null, d.path("summary").asText(""));
                    }
                }
            }
            throw ActionFailure.notRecorded("the recording has no answer for undoing step " + step + " with " + action
                    + ": the original operator never undid it");
        }

        /** The recorded plan of this step's action with these parameters (for a plan that would need AWS). */
        Optional<Plan> plan(String step, String action, Params params) {
            for (int i = entries.size() - 1; i >= 0; i--) {
                TranscriptEntry e = entries.get(i);
                ObjectNode d = e.data();
                if (!e.type().equals("plan") || !d.path("step").asText("").equals(step)
                        || !action.equals(d.path("action").asText())) {
                    continue;
                }
                if (params.node().equals(paramsAt(step, action, d.path("item")))) {
                    List<PlannedCall> calls = new ArrayList<>();
                    d.path("calls").forEach(c -> calls.add(new PlannedCall(c.path("service").asText(),
                            c.path("operation").asText(), c.path("region").asText(), c.path("parameters"))));
                    return Optional.of(new Plan(d.path("summary").asText(""), calls,
                            d.hasNonNull("target") ? d.get("target").asText() : null));
                }
            }
            return Optional.empty();
        }

        /** The recorded parameters of the step's run (or of its item), from its step.end. */
        private JsonNode paramsAt(String step, String action, JsonNode item) {
            for (ObjectNode end : ends()) {
                if (!end.path("step").asText("").equals(step) || !action.equals(end.path("action").asText())) {
                    continue;
                }
                if (end.has("params") && item.isMissingNode()) {
                    return end.get("params");
                }
                for (JsonNode r : end.path("data").path("results")) {
                    String key = r.path("item").isTextual() ? r.path("item").asText() : r.path("item").toString();
                    if (key.equals(item.asText())) {
                        return r.get("params");
                    }
                }
            }
            return null;
        }

        /** Why the recording cannot answer: what the original operator did at this step instead. */
        String noAnswer(String step, String action, ObjectNode params) {
            String head = "the recording has no answer for " + action + " " + params + " at step " + step + ": ";
            Recording.Outcome o = rec.outcome(step);
            List<ObjectNode> same = ends().stream().filter(e -> e.path("step").asText("").equals(step)
                    && action.equals(e.path("action").asText())).toList();
            for (ObjectNode end : same) {
                if (end.has("params")) {
                    return head + "the original operator ran it with " + differences(end.get("params"), params);
                }
                if (end.path("data").path("results").size() > 0) {
                    List<String> items = new ArrayList<>();
                    end.path("data").path("results").forEach(r -> items.add(r.path("params").toString()));
                    return head + "the original run did it only for " + String.join(", ", items);
                }
            }
            if (rec.step(step).filter(Recording.StepInfo::ran).isEmpty()) {
                List<String> other = ends().stream().filter(e -> action.equals(e.path("action").asText()) && e.has("params"))
                        .map(e -> e.get("params") + " (step " + e.path("step").asText() + ")").toList();
                return head + "the original run never ran this step"
                        + (other.isEmpty() ? "" : "; it ran " + action + " only with " + String.join(", ", other));
            }
            return head + describe(o);
        }

        private static String describe(Recording.Outcome o) {
            String reason = o.reason() == null ? "" : " (" + o.reason() + ")";
            if (Boolean.FALSE.equals(o.approved())) {
                return o.typed() == null ? "nobody approved it in the original run; it was left " + o.state() + reason
                        : "the original operator declined it (typed '" + o.typed() + "'); it was left " + o.state();
            }
            return switch (o.state()) {
                case "skipped" -> "the original run skipped it" + reason;
                case "blocked" -> "it was blocked in the original run" + reason;
                case "awaiting" -> "the original run left it awaiting the operator" + reason;
                case "failed" -> "it failed in the original run" + reason;
                default -> "the original run ended it " + o.state() + reason;
            };
        }

        private static String differences(JsonNode recorded, JsonNode now) {
            List<String> diffs = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = recorded.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode here = now.get(f.getKey());
                if (here == null || !here.equals(f.getValue())) {
                    diffs.add(f.getKey() + " " + f.getValue() + " (here " + (here == null ? "not given" : here) + ")");
                }
            }
            now.fieldNames().forEachRemaining(n -> {
                if (!recorded.has(n)) {
                    diffs.add(n + " not given (here " + now.get(n) + ")");
                }
            });
            return diffs.isEmpty() ? recorded.toString() : String.join(", ", diffs);
        }
    }
}
