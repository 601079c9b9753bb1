package dev.irshell.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.Action;
import dev.irshell.action.ActionCatalogue;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.AwsCall;
import dev.irshell.action.Effect;
import dev.irshell.action.Finding;
import dev.irshell.action.ParamSpec;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.Secret;
import dev.irshell.action.Undo;
import dev.irshell.runbook.OnFailure;
import dev.irshell.runbook.Runbook;
import dev.irshell.runbook.Step;
import dev.irshell.runbook.StepKind;
import dev.irshell.transcript.Artifacts;
import dev.irshell.transcript.Manifest;
import dev.irshell.transcript.OperatorKey;
import dev.irshell.transcript.TranscriptReader;
import dev.irshell.transcript.TranscriptWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of one runbook: the single owner of its mutable state. Every state change is written
 * to the transcript before the method returns. Not thread-safe except {@link #recordCall}, which
 * the AWS layer calls from its own threads.
 */
public final class Session {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS_PER_STEP = 3;

    private final Runbook runbook;
    private final List<StepTree.Slot> slots;
    private final Map<String, StepTree.Slot> byId = new LinkedHashMap<>();
    private final ObjectNode inputs;
    private final SessionOptions options;
    private final CallerIdentity caller;
    private final ActionCatalogue catalogue;
    private final TranscriptWriter transcript;
    private final Artifacts artifacts;
    private final OperatorKey key;
    /** Every artifact the transcript references, for the manifest. */
    private final Map<String, Artifacts.Ref> artifactRefs = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Confirmer confirmer;
    private final Clock clock;
    private final String sessionId;
    private final ActionContext.Progress progress;
    private final Evaluator evaluator = new Evaluator();
    private final Map<String, Record> records = new LinkedHashMap<>();
    private volatile String runningStep;
    private int position;
    private boolean ended;
    private String finalDigest;

    /** Mutable per-step state, never handed out. */
    private static final class Record {
        StepState state = StepState.PENDING;
        String reason;
        ObjectNode outputs = JsonNodeFactory.instance.objectNode();
        String decision;
        String note;
        ActionResult result;
        List<Undo> undos = List.of();
        boolean undone;
        /** forEach steps: the items already done, so running the step again does only the rest. */
        final java.util.Set<String> doneItems = new java.util.LinkedHashSet<>();
        int attempts;
    }

    Session(List<StepTree.Slot> slots, ObjectNode inputs, SessionOptions options, CallerIdentity caller,
            ActionCatalogue catalogue, TranscriptWriter transcript, Artifacts artifacts, OperatorKey key, Confirmer confirmer,
            Clock clock, String sessionId, ActionContext.Progress progress) {
        this.artifacts = artifacts;
        this.key = key;
        this.slots = slots;
        this.runbook = slots.get(0).frame().runbook();
        slots.get(0).frame().inputs = inputs;
        this.inputs = inputs;
        this.options = options;
        this.caller = caller;
        this.catalogue = catalogue;
        this.transcript = transcript;
        this.confirmer = confirmer;
        this.clock = clock;
        this.sessionId = sessionId;
        this.progress = progress;
        slots.forEach(s -> {
            records.put(s.id(), new Record());
            byId.put(s.id(), s);
        });
    }

    // ---------------------------------------------------------------- queries

    public Runbook runbook() {
        return runbook;
    }

    public String sessionId() {
        return sessionId;
    }

    public CallerIdentity caller() {
        return caller;
    }

    public SessionOptions options() {
        return options;
    }

    public ObjectNode inputs() {
        return inputs.deepCopy();
    }

    public java.nio.file.Path transcriptFile() {
        return transcript.file();
    }

    public boolean ended() {
        return ended;
    }

    /** The final digest of a sealed session, null before {@link #end}. */
    public String finalDigest() {
        return finalDigest;
    }

    /** The id of the current step (qualified inside a called runbook), or empty past the last step. */
    public Optional<String> currentId() {
        return position < slots.size() ? Optional.of(slots.get(position).id()) : Optional.empty();
    }

    /** The current step, or empty when every step has been passed. */
    public Optional<Step> current() {
        return position < slots.size() ? Optional.of(slots.get(position).step()) : Optional.empty();
    }

    /** Every step id in running order, qualified inside called runbooks. */
    public List<String> stepIds() {
        return slots.stream().map(StepTree.Slot::id).toList();
    }

    public StepView view(String stepId) {
        StepTree.Slot slot = slotOrThrow(stepId);
        Record r = records.get(stepId);
        return new StepView(slot.id(), slots.indexOf(slot), slots.size(), sectionTitle(slot), slot.step(), r.state,
                r.reason, outputsOf(slot), r.decision, r.note, r.result, !r.undos.isEmpty() && !r.undone, r.undone);
    }

    private static String sectionTitle(StepTree.Slot slot) {
        String own = slot.frame().runbook().sectionOf(slot.step()).title();
        return slot.frame().call().map(c -> slot.frame().runbook().title() + " › " + own).orElse(own);
    }

    public List<StepView> status() {
        return slots.stream().map(s -> view(s.id())).toList();
    }

    /** Outputs of every step that produced some, by step id. */
    public ObjectNode outputs() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (StepTree.Slot slot : slots) {
            ObjectNode o = outputsOf(slot);
            Record r = records.get(slot.id());
            if (o.size() > 0) {
                out.set(slot.id(), o);
            }
            if (r.decision != null) {
                out.with(slot.id()).put("decision", r.decision);
            }
        }
        return out;
    }

    /**
     * A step's outputs. A runbook step's are its selectors over the called runbook's inputs and
     * steps, as they stand now.
     */
    private ObjectNode outputsOf(StepTree.Slot slot) {
        Record r = records.get(slot.id());
        if (slot.step().kind() != StepKind.RUNBOOK) {
            return r.outputs.deepCopy();
        }
        StepTree.Frame child = slot.child(slots);
        if (child == null || child.inputs == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        return select(slot.step().outputs(), context(child));
    }

    /** The expression context of the session's own runbook. */
    public ObjectNode context() {
        return context(slots.get(0).frame());
    }

    /** What {@code when}, templates and output selectors of one runbook's steps see. */
    private ObjectNode context(StepTree.Frame frame) {
        ObjectNode ctx = JsonNodeFactory.instance.objectNode();
        ctx.set("inputs", frame.inputs == null ? JsonNodeFactory.instance.objectNode() : frame.inputs.deepCopy());
        ObjectNode st = ctx.putObject("steps");
        for (StepTree.Slot slot : slots) {
            if (slot.frame() != frame) {
                continue;
            }
            Record r = records.get(slot.id());
            ObjectNode s = st.putObject(slot.step().id());
            s.put("state", r.state.label());
            s.set("outputs", outputsOf(slot));
            s.put("decision", r.decision);
            s.put("note", r.note);
        }
        ObjectNode se = ctx.putObject("session");
        se.put("account", caller.account());
        se.put("arn", caller.arn());
        se.put("user", caller.userName());
        se.put("region", options.region());
        se.put("profile", options.profile());
        se.put("mode", options.modeLabel());
        se.put("sessionId", sessionId);
        se.put("now", clock.instant().toString());
        return ctx;
    }

    // ---------------------------------------------------------------- resume

    /** What {@link #restore} found about the interruption. */
    record Interruption(String step, List<String> calls) {}

    /**
     * Rebuilds the state a cut-off session had from its transcript entries: each step's state,
     * reason, outputs, result (as shown; secrets were never recorded), decision, notes, undos and
     * the forEach items done, the inputs of called runbooks, and the artifacts referenced. A step
     * that had started but not ended when the session was cut off is left pending with a reason
     * naming the AWS calls it made, since whether its change went through must be checked before it
     * runs again. Returns that step, if any. Writes nothing.
     */
    Interruption restore(List<dev.irshell.transcript.TranscriptEntry> entries) {
        String open = null;
        List<String> openCalls = new ArrayList<>();
        for (dev.irshell.transcript.TranscriptEntry e : entries) {
            ObjectNode d = e.data();
            String id = d.path("step").asText(null);
            Record r = id == null ? null : records.get(id);
            switch (e.type()) {
                case "step.start" -> {
                    open = id;
                    openCalls.clear();
                }
                case "step.end" -> {
                    if (r != null) {
                        restoreEnd(id, r, d);
                    }
                    if (id != null && id.equals(open)) {
                        open = null;
                    }
                }
                case "step.skip" -> {
                    if (r != null) {
                        r.state = StepState.SKIPPED;
                        r.reason = "engine".equals(d.path("by").asText()) ? d.path("reason").asText()
                                : "skipped by the operator: " + d.path("reason").asText();
                    }
                }
                case "answer" -> {
                    if (r != null && "decision".equals(d.path("kind").asText()) && d.path("accepted").asBoolean(false)) {
                        r.decision = d.path("answer").asText();
                    }
                    if (r != null && "manual".equals(d.path("kind").asText()) && d.hasNonNull("note")) {
                        r.note = r.note == null ? d.get("note").asText() : r.note + "\n" + d.get("note").asText();
                    }
                }
                case "note" -> {
                    if (r != null) {
                        r.note = r.note == null ? d.path("text").asText() : r.note + "\n" + d.path("text").asText();
                    }
                }
                case "undo" -> {
                    if (r != null && "done".equals(d.path("outcome").asText())) {
                        r.undone = true;
                    }
                }
                case "aws.call" -> {
                    Artifacts.Ref ref = Artifacts.Ref.of(d.get("responseArtifact"));
                    if (ref != null) {
                        artifactRefs.put(ref.path(), ref);
                    }
                    if (open != null && open.equals(id)) {
                        openCalls.add(d.path("service").asText() + ":" + d.path("operation").asText() + " in "
                                + d.path("region").asText() + " (" + d.path("outcome").asText()
                                + (d.hasNonNull("requestId") ? ", request " + d.get("requestId").asText() : "") + ")");
                    }
                }
                default -> { }
            }
        }
        Interruption cut = null;
        if (open != null && records.containsKey(open)) {
            Record r = records.get(open);
            r.state = StepState.PENDING;
            r.reason = Messages.interrupted(openCalls);
            cut = new Interruption(open, List.copyOf(openCalls));
        }
        position = 0;
        while (position < slots.size() && records.get(slots.get(position).id()).state.settled()) {
            position++;
        }
        if (cut != null) {
            position = slots.indexOf(byId.get(cut.step()));
        }
        return cut;
    }

    private void restoreEnd(String id, Record r, ObjectNode d) {
        StepState state = StepState.fromLabel(d.path("state").asText());
        r.state = state;
        r.reason = d.path("reason").asText(null);
        if (d.has("decision")) {
            r.decision = d.get("decision").asText();
        }
        StepTree.Slot slot = byId.get(id);
        if (slot.step().kind() == StepKind.RUNBOOK && d.has("inputs")) {
            slot.child(slots).inputs = (ObjectNode) d.get("inputs").deepCopy();
        }
        if (d.has("summary") && d.has("data")) {
            r.outputs = d.has("outputs") ? (ObjectNode) d.get("outputs").deepCopy() : JsonNodeFactory.instance.objectNode();
            r.result = RecordedResult.of(d);
            List<Undo> undos = new ArrayList<>();
            d.path("undos").forEach(u -> undos.add(new Undo(u.path("action").asText(), u.path("params").deepCopy())));
            r.undos = List.copyOf(undos);
            r.undone = false;
            d.path("data").path("results").forEach(item -> {
                JsonNode v = item.get("item");
                if (v != null) {
                    r.doneItems.add(v.isTextual() ? v.textValue() : v.toString());
                }
            });
        }
    }

    // ---------------------------------------------------------------- navigation

    /** Moves to the next step without running the current one. */
    public Optional<Step> next() {
        ensureOpen();
        if (position < slots.size()) {
            position++;
        }
        return current();
    }

    public Step goTo(String stepId) {
        ensureOpen();
        StepTree.Slot slot = slotOrThrow(stepId);
        position = slots.indexOf(slot);
        append("goto", obj().put("step", stepId));
        return slot.step();
    }

    public StepView skip(String reason) {
        ensureOpen();
        StepTree.Slot slot = currentSlot();
        if (reason == null || reason.isBlank()) {
            throw new SessionException(Messages.skipNeedsReason());
        }
        Record r = records.get(slot.id());
        r.state = StepState.SKIPPED;
        r.reason = "skipped by the operator: " + reason;
        append("step.skip", obj().put("step", slot.id()).put("reason", reason).put("by", "operator"));
        skipCalled(slot);
        advance();
        return view(slot.id());
    }

    private StepTree.Slot currentSlot() {
        if (position >= slots.size()) {
            throw new SessionException(Messages.noCurrentStep());
        }
        return slots.get(position);
    }

    /** A skipped runbook step takes every step of the runbook it runs with it. */
    private void skipCalled(StepTree.Slot call) {
        if (call.step().kind() != StepKind.RUNBOOK) {
            return;
        }
        for (StepTree.Slot s : slots) {
            if (s.id().startsWith(call.id() + ".") && !records.get(s.id()).state.settled()) {
                Record r = records.get(s.id());
                r.state = StepState.SKIPPED;
                r.reason = Messages.partOfSkipped(call.id());
                append("step.skip", obj().put("step", s.id()).put("reason", r.reason).put("by", "engine"));
            }
        }
    }

    public void note(String text) {
        ensureOpen();
        if (text == null || text.isBlank()) {
            throw new SessionException(Messages.emptyNote());
        }
        ObjectNode n = obj().put("text", text);
        currentId().ifPresent(id -> {
            n.put("step", id);
            Record r = records.get(id);
            r.note = r.note == null ? text : r.note + "\n" + text;
        });
        append("note", n);
    }

    // ---------------------------------------------------------------- running

    /** Runs the current step (whatever its state: a failed or awaiting step is retried). */
    public StepView run() {
        ensureOpen();
        StepTree.Slot slot = currentSlot();
        execute(slot);
        Record r = records.get(slot.id());
        switch (r.state) {
            case DONE, SKIPPED -> advance();
            case FAILED -> applyOnFailure(slot);
            default -> { }
        }
        return view(slot.id());
    }

    /**
     * Runs from the current step to the end, as a non-interactive run does: unapproved changes
     * are left awaiting approval and the run goes on; a manual step or decision nobody answers
     * stops it; a failure stops it unless the step says continue or goto.
     */
    public RunStatus runToEnd(Observer observer) {
        ensureOpen();
        boolean awaiting = false;
        while (position < slots.size()) {
            StepTree.Slot slot = slots.get(position);
            Step step = slot.step();
            Record r = records.get(slot.id());
            if (r.state.settled()) {
                position++;
                continue;
            }
            if (++r.attempts > MAX_ATTEMPTS_PER_STEP) {
                append("run.stop", obj().put("step", slot.id()).put("reason", Messages.loop(slot.id(), MAX_ATTEMPTS_PER_STEP)));
                return RunStatus.FAILED;
            }
            observer.starting(view(slot.id()));
            execute(slot);
            observer.finished(view(slot.id()));
            switch (r.state) {
                case DONE, SKIPPED -> advance();
                case BLOCKED -> position++;
                case AWAITING -> {
                    awaiting = true;
                    if (step.kind() != StepKind.ACTION) {
                        return RunStatus.AWAITING_OPERATOR;
                    }
                    position++;
                }
                case FAILED -> {
                    if (step.onFailure().kind() == OnFailure.Kind.ABORT) {
                        return RunStatus.FAILED;
                    }
                    applyOnFailure(slot);
                }
                default -> position++;
            }
        }
        boolean blocked = records.values().stream().anyMatch(r -> r.state == StepState.BLOCKED || r.state == StepState.AWAITING);
        return awaiting || blocked ? RunStatus.AWAITING_OPERATOR : RunStatus.COMPLETED;
    }

    /** Watches a {@link #runToEnd} run step by step, to show progress. */
    public interface Observer {
        void starting(StepView step);

        void finished(StepView view);
    }

    private void execute(StepTree.Slot slot) {
        Step step = slot.step();
        Record r = records.get(slot.id());
        r.reason = null;
        r.result = null;
        append("step.start", obj().put("step", slot.id()).put("name", step.name()).put("kind", step.kind().name().toLowerCase())
                .put("section", sectionTitle(slot)));
        if (slot.frame().inputs == null) {
            finish(slot, StepState.BLOCKED, Messages.callNotStarted(slot.frame().call().map(StepTree.Slot::id).orElse("?")));
            return;
        }
        ObjectNode ctx = context(slot.frame());
        if (step.when() != null && !evaluator.test(step.when(), ctx)) {
            finish(slot, StepState.SKIPPED, Messages.conditionFalse(step.when()));
            skipCalled(slot);
            return;
        }
        List<String> missing = step.requires().stream().map(id -> slot.frame().prefix + id)
                .filter(id -> records.get(id).state != StepState.DONE).toList();
        if (!missing.isEmpty()) {
            finish(slot, StepState.BLOCKED, Messages.requiresNotDone(missing));
            return;
        }
        switch (step.kind()) {
            case ACTION -> executeAction(slot, ctx);
            case MANUAL -> executeManual(slot);
            case DECISION -> executeDecision(slot);
            case RUNBOOK -> enterRunbook(slot, ctx);
        }
    }

    /** Starts a called runbook: its inputs come from the step's {@code with}, checked like any runbook's. */
    private void enterRunbook(StepTree.Slot slot, ObjectNode ctx) {
        StepTree.Frame child = slot.child(slots);
        Map<String, String> given = new LinkedHashMap<>();
        slot.step().with().forEach((k, v) -> {
            JsonNode x = evaluator.expand(v, ctx);
            if (x != null && !x.isNull()) {
                given.put(k, x.isTextual() ? x.textValue() : x.toString());
            }
        });
        try {
            child.inputs = Inputs.resolve(child.runbook(), given);
        } catch (InputException e) {
            finish(slot, StepState.FAILED, Messages.calledInputs(child.runbook().id(), e.problems()));
            return;
        }
        ObjectNode end = obj().put("step", slot.id()).put("state", StepState.DONE.label())
                .put("summary", Messages.enteredRunbook(child.runbook()));
        end.set("inputs", child.inputs.deepCopy());
        r(slot).state = StepState.DONE;
        append("step.end", end);
    }

    private Record r(StepTree.Slot slot) {
        return records.get(slot.id());
    }

    private void executeManual(StepTree.Slot slot) {
        Step step = slot.step();
        Record r = records.get(slot.id());
        append("prompt", obj().put("step", slot.id()).put("kind", "manual").put("shown", Messages.manualPrompt(step)));
        ManualAnswer a = confirmer.manual(slot.id(), step);
        ObjectNode ans = obj().put("step", slot.id()).put("kind", "manual").put("answer", a.status().name().toLowerCase());
        if (a.note() != null) {
            ans.put("note", a.note());
        }
        append("answer", ans);
        if (a.note() != null && !a.note().isBlank()) {
            r.note = r.note == null ? a.note() : r.note + "\n" + a.note();
        }
        switch (a.status()) {
            case DONE -> finish(slot, StepState.DONE, null);
            case NOT_DONE -> finish(slot, StepState.PENDING, Messages.manualNotDone());
            case NONE -> finish(slot, StepState.AWAITING, Messages.awaitingAnswer(slot.id()));
        }
    }

    private void executeDecision(StepTree.Slot slot) {
        Step step = slot.step();
        Record r = records.get(slot.id());
        append("prompt", obj().put("step", slot.id()).put("kind", "decision").put("shown", Messages.decisionPrompt(step)));
        Optional<String> choice = confirmer.decide(slot.id(), step);
        if (choice.isEmpty()) {
            append("answer", obj().put("step", slot.id()).put("kind", "decision").putNull("answer"));
            finish(slot, StepState.AWAITING, Messages.awaitingAnswer(slot.id()));
            return;
        }
        String id = choice.get();
        if (step.choices().stream().noneMatch(c -> c.id().equals(id))) {
            append("answer", obj().put("step", slot.id()).put("kind", "decision").put("answer", id).put("accepted", false));
            finish(slot, StepState.PENDING, Messages.unknownChoice(step, id));
            return;
        }
        append("answer", obj().put("step", slot.id()).put("kind", "decision").put("answer", id).put("accepted", true));
        r.decision = id;
        finish(slot, StepState.DONE, null);
    }

    private void executeAction(StepTree.Slot slot, ObjectNode ctx) {
        Step step = slot.step();
        Record r = records.get(slot.id());
        Action action = catalogue.find(step.action())
                .orElseThrow(() -> new IllegalStateException("validated runbook names unknown action " + step.action()));
        if (step.forEach() != null) {
            new ForEachRun(slot, action, ctx).run();
            return;
        }
        Resolved res = resolve(step, action, ctx);
        if (res.problem() != null) {
            finish(slot, res.state(), res.problem());
            return;
        }
        Params prm = res.params();
        ActionContext actx = actionContext();
        Effect effect = action.spec().effect();
        if (effect != Effect.READ) {
            Plan plan;
            try {
                plan = action.plan(prm, actx);
            } catch (ActionFailure f) {
                fail(slot, f);
                return;
            }
            append("plan", planEntry(slot, action, plan));
            if (options.readOnly()) {
                finish(slot, StepState.SKIPPED, Messages.readOnlyWouldExecute(plan));
                return;
            }
            if (options.dryRun()) {
                finish(slot, StepState.SKIPPED, Messages.dryRunWouldExecute(plan));
                return;
            }
            Optional<String> lockout = lockout(action, prm);
            if (lockout.isPresent() && !overrideLockout(slot, action, plan, lockout.get())) {
                finish(slot, StepState.FAILED, lockout.get());
                return;
            }
            if (!approved(slot, effect == Effect.DESTROY ? ConfirmRequest.Kind.DESTROY : ConfirmRequest.Kind.CHANGE,
                    effect, action, plan)) {
                return;
            }
        }
        runAction(slot, action, prm, actx);
    }

    /** An action's parameters from the step's {@code with}, or why they cannot be had. */
    private record Resolved(Params params, StepState state, String problem) {}

    private Resolved resolve(Step step, Action action, ObjectNode ctx) {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        step.with().forEach((k, v) -> params.set(k, evaluator.expand(v, ctx)));
        for (ParamSpec p : action.spec().params()) {
            JsonNode v = params.get(p.name());
            boolean empty = v == null || v.isNull() || (v.isTextual() && v.textValue().isBlank());
            if (empty && p.required()) {
                JsonNode raw = step.with().get(p.name());
                return new Resolved(null, StepState.BLOCKED, Messages.paramEmpty(p.name(), raw == null ? null : raw.asText()));
            }
            if (!empty && v.isValueNode() && !p.kind().accepts(v.asText())) {
                return new Resolved(null, StepState.FAILED, Messages.paramInvalid(p.name(), p.kind().expected(), v.asText()));
            }
        }
        return new Resolved(new Params(params), null, null);
    }

    /**
     * A forEach step: the action once per item. Reads just run; a change is confirmed once for
     * all its items; a destroy asks for each item's resource id. Items already done are not run
     * again when the step is re-run.
     */
    private final class ForEachRun {
        private final StepTree.Slot slot;
        private final Step step;
        private final Action action;
        private final ObjectNode ctx;
        private final Record r;
        private final ActionContext actx;

        ForEachRun(StepTree.Slot slot, Action action, ObjectNode ctx) {
            this.slot = slot;
            this.step = slot.step();
            this.action = action;
            this.ctx = ctx;
            this.r = records.get(slot.id());
            this.actx = actionContext();
        }

        private record Item(String key, JsonNode value, Params params, Plan plan) {}

        void run() {
            JsonNode list = evaluator.search(step.forEach(), ctx);
            if (list != null && !list.isNull() && !list.isArray()) {
                finish(slot, StepState.FAILED, Messages.forEachNotList(step.forEach(), list));
                return;
            }
            List<Item> items = new ArrayList<>();
            int index = 0;
            for (JsonNode value : list == null || list.isNull() ? JsonNodeFactory.instance.arrayNode() : list) {
                index++;
                String key = value.isTextual() ? value.textValue() : value.toString();
                if (r.doneItems.contains(key)) {
                    continue;
                }
                ObjectNode itemCtx = ctx.deepCopy();
                itemCtx.set("item", value);
                Resolved res = resolve(step, action, itemCtx);
                if (res.problem() != null) {
                    finish(slot, res.state(), Messages.forEachItem(index, key, res.problem()));
                    return;
                }
                Plan plan;
                try {
                    plan = action.plan(res.params(), actx);
                } catch (ActionFailure f) {
                    fail(slot, f);
                    return;
                }
                items.add(new Item(key, value, res.params(), plan));
            }
            if (items.isEmpty()) {
                finishAll(List.of(), List.of(), List.of(), list == null || list.isNull() ? 0 : list.size());
                return;
            }
            Effect effect = action.spec().effect();
            List<Item> approvedItems = new ArrayList<>(items);
            List<String> declined = new ArrayList<>();
            if (effect != Effect.READ) {
                items.forEach(i -> append("plan", planEntry(slot, action, i.plan()).put("item", i.key())));
                Plan all = combined(items);
                if (options.readOnly() || options.dryRun()) {
                    finish(slot, StepState.SKIPPED, options.readOnly() ? Messages.readOnlyWouldExecute(all)
                            : Messages.dryRunWouldExecute(all));
                    return;
                }
                for (Item i : items) {
                    Optional<String> lockout = lockout(action, i.params());
                    if (lockout.isPresent() && !overrideLockout(slot, action, i.plan(), lockout.get())) {
                        finish(slot, StepState.FAILED, lockout.get());
                        return;
                    }
                }
                if (effect == Effect.CHANGE) {
                    if (!approved(slot, ConfirmRequest.Kind.CHANGE, effect, action, all)) {
                        return;
                    }
                } else {
                    approvedItems.clear();
                    for (Item i : items) {
                        Approval a = ask(slot, ConfirmRequest.Kind.DESTROY, action, i.plan());
                        if (confirmed(ConfirmRequest.Kind.DESTROY, i.plan().target(), a)) {
                            approvedItems.add(i);
                        } else {
                            declined.add(i.key());
                            if (!a.answered()) {
                                finish(slot, StepState.AWAITING, Messages.notConfirmed(ConfirmRequest.Kind.DESTROY,
                                        i.plan().target(), a));
                                return;
                            }
                        }
                    }
                }
            }
            List<ObjectNode> done = new ArrayList<>();
            List<ObjectNode> failed = new ArrayList<>();
            List<ActionResult> results = new ArrayList<>();
            List<Undo> undos = new ArrayList<>(r.undone ? List.of() : r.undos);
            runningStep = slot.id();
            try {
                for (Item i : approvedItems) {
                    try {
                        ActionResult res = action.execute(i.params(), actx);
                        res.secrets().forEach(s -> transcript.redactor().addSecret(s.value()));
                        results.add(res);
                        ObjectNode d = JsonNodeFactory.instance.objectNode();
                        d.set("item", i.value());
                        d.set("params", i.params().node().deepCopy());
                        d.set("data", res.data());
                        done.add(d);
                        r.doneItems.add(i.key());
                        action.undo(i.params(), res).ifPresent(undos::add);
                    } catch (ActionFailure f) {
                        ObjectNode e = JsonNodeFactory.instance.objectNode();
                        e.set("item", i.value());
                        e.set("error", error(f));
                        failed.add(e);
                    }
                }
            } finally {
                runningStep = null;
            }
            r.undos = List.copyOf(undos);
            r.undone = false;
            finishAll(done, failed, results, items.size());
            if (r.state == StepState.DONE && !declined.isEmpty()) {
                r.state = StepState.PENDING;
                r.reason = Messages.forEachDeclined(declined);
                append("step.end", obj().put("step", slot.id()).put("state", r.state.label()).put("reason", r.reason));
            }
        }

        private Plan combined(List<Item> items) {
            List<dev.irshell.action.PlannedCall> calls = new ArrayList<>();
            items.forEach(i -> calls.addAll(i.plan().calls()));
            String summary = items.size() + " item" + (items.size() == 1 ? "" : "s") + ":\n"
                    + items.stream().map(i -> "  - " + i.plan().summary()).collect(java.util.stream.Collectors.joining("\n"));
            return new Plan(summary, calls, null);
        }

        private void finishAll(List<ObjectNode> done, List<ObjectNode> failed, List<ActionResult> results, int total) {
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            data.put("count", done.size());
            done.forEach(d -> data.withArray("results").add(d));
            data.withArray("results");
            failed.forEach(f -> data.withArray("failed").add(f));
            List<dev.irshell.action.Table> tables = new ArrayList<>();
            List<Finding> findings = new ArrayList<>();
            List<Secret> secrets = new ArrayList<>();
            results.forEach(x -> {
                tables.addAll(x.tables());
                findings.addAll(x.findings());
                secrets.addAll(x.secrets());
            });
            failed.forEach(f -> findings.add(Finding.critical(Messages.forEachItemFailed(f))));
            String summary = total == 0 ? Messages.forEachNothing(step.forEach())
                    : done.size() + " of " + total + " done" + (failed.isEmpty() ? "" : ", " + failed.size() + " failed");
            ActionResult combined = new ActionResult(data, summary, tables, findings, secrets);
            append("step.end", settle(slot, combined, failed.isEmpty() ? StepState.DONE : StepState.FAILED,
                    failed.isEmpty() ? null : Messages.forEachFailed(failed.size(), total)));
        }
    }

    private void runAction(StepTree.Slot slot, Action action, Params prm, ActionContext actx) {
        Step step = slot.step();
        Record r = records.get(slot.id());
        long t0 = System.nanoTime();
        ActionResult result;
        runningStep = slot.id();
        try {
            result = action.execute(prm, actx);
        } catch (ActionFailure f) {
            fail(slot, f);
            return;
        } finally {
            runningStep = null;
        }
        for (Secret s : result.secrets()) {
            transcript.redactor().addSecret(s.value());
        }
        r.undos = action.undo(prm, result).map(List::of).orElse(List.of());
        r.undone = false;
        ObjectNode end = settle(slot, result, StepState.DONE, null);
        end.set("params", prm.node().deepCopy());
        end.put("durationMs", Duration.ofNanos(System.nanoTime() - t0).toMillis());
        append("step.end", end);
    }

    /**
     * Makes {@code result} the step's own: its outputs selected, its state and reason set. Returns the
     * step.end entry (with the result's summary, outputs, findings, data and the labels of secrets
     * shown once) for the caller to complete and append.
     */
    private ObjectNode settle(StepTree.Slot slot, ActionResult result, StepState state, String reason) {
        Record r = records.get(slot.id());
        r.result = result;
        r.outputs = select(slot.step().outputs(), result.data());
        r.state = state;
        r.reason = reason;
        ObjectNode end = obj().put("step", slot.id()).put("state", state.label()).put("summary", result.summary());
        if (reason != null) {
            end.put("reason", reason);
        }
        end.put("action", slot.step().action());
        end.set("outputs", r.outputs.deepCopy());
        end.set("findings", RecordedResult.findings(result.findings()));
        end.set("tables", RecordedResult.tables(result.tables()));
        end.set("data", result.data());
        if (!r.undos.isEmpty()) {
            ArrayNode undos = end.putArray("undos");
            r.undos.forEach(u -> undos.addObject().put("action", u.action()).set("params", u.params()));
        }
        if (!result.secrets().isEmpty()) {
            ArrayNode shown = end.putArray("secretsShownOnce");
            result.secrets().forEach(s -> shown.add(s.label()));
        }
        return end;
    }

    /** Each output's JMESPath selector evaluated over {@code data}; nothing found is null. */
    private ObjectNode select(Map<String, String> outputs, JsonNode data) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        outputs.forEach((name, selector) -> {
            JsonNode v = evaluator.search(selector, data);
            out.set(name, v == null ? JsonNodeFactory.instance.nullNode() : v);
        });
        return out;
    }

    /**
     * Runs a read-only catalogue action outside the runbook's steps (e.g. {@code verify
     * --against-cloudtrail} in the shell), recording its calls and a {@code check} entry with what
     * it found. Changes are refused: they only run as confirmed steps.
     */
    public ActionResult check(String actionName) {
        ensureOpen();
        Action action = catalogue.find(actionName)
                .orElseThrow(() -> new SessionException("no action " + actionName + " in the catalogue"));
        if (action.spec().effect() != Effect.READ) {
            throw new SessionException(actionName + " changes the account; changes run only as confirmed runbook steps");
        }
        ActionResult result;
        try {
            result = action.execute(new Params(obj()), actionContext());
        } catch (ActionFailure f) {
            append("check", obj().put("action", actionName).put("outcome", "failed").set("error", error(f)));
            throw new SessionException(f.describe());
        }
        ObjectNode n = obj().put("action", actionName).put("outcome", "done").put("summary", result.summary());
        n.set("findings", RecordedResult.findings(result.findings()));
        n.set("tables", RecordedResult.tables(result.tables()));
        n.set("data", result.data());
        append("check", n);
        return result;
    }

    /** Undoes a completed change, with the same guards as any change. */
    public StepView undo(String stepId) {
        ensureOpen();
        StepTree.Slot slot = slotOrThrow(stepId);
        Record r = records.get(stepId);
        if (r.undos.isEmpty() || r.undone) {
            throw new SessionException(r.undone ? Messages.alreadyUndone(stepId) : Messages.nothingToUndo(stepId, r.state));
        }
        for (Undo u : r.undos) {
            undoOne(slot, u);
        }
        r.undone = true;
        return view(stepId);
    }

    /** Runs one undo with the same guards as any change; throws SessionException when it does not run. */
    private void undoOne(StepTree.Slot slot, Undo u) {
        String stepId = slot.id();
        Step step = slot.step();
        Action action = catalogue.find(u.action())
                .orElseThrow(() -> new IllegalStateException("undo names unknown action " + u.action()));
        Params prm = new Params((ObjectNode) u.params().deepCopy());
        ActionContext actx = actionContext();
        Plan plan = action.plan(prm, actx);
        append("plan", planEntry(slot, action, plan).put("undo", true));
        if (options.readOnly() || options.dryRun()) {
            String why = options.readOnly() ? Messages.readOnlyWouldExecute(plan) : Messages.dryRunWouldExecute(plan);
            append("undo", obj().put("step", stepId).put("outcome", "not run").put("reason", why));
            throw new SessionException(why);
        }
        Optional<String> lockout = lockout(action, prm);
        if (lockout.isPresent() && !overrideLockout(slot, action, plan, lockout.get())) {
            throw new SessionException(lockout.get());
        }
        Effect effect = action.spec().effect();
        ConfirmRequest.Kind kind = effect == Effect.DESTROY ? ConfirmRequest.Kind.DESTROY : ConfirmRequest.Kind.UNDO;
        Approval a = ask(slot, kind, action, plan);
        if (!confirmed(kind, expected(kind, plan), a)) {
            throw new SessionException(Messages.notConfirmed(kind, expected(kind, plan), a));
        }
        runningStep = stepId;
        ActionResult result;
        try {
            result = action.execute(prm, actx);
        } catch (ActionFailure f) {
            append("undo", obj().put("step", stepId).put("outcome", "failed").set("error", error(f)));
            throw new SessionException(Messages.undoFailed(stepId, f));
        } finally {
            runningStep = null;
        }
        append("undo", obj().put("step", stepId).put("outcome", "done").put("action", action.spec().name())
                .put("summary", result.summary()));
    }

    /** Seals the transcript; returns the final digest. */
    public String end() {
        if (ended) {
            return finalDigest;
        }
        ObjectNode summary = obj();
        ObjectNode states = summary.putObject("states");
        records.forEach((id, r) -> states.put(id, r.state.label()));
        append("session.end", summary);
        finalDigest = transcript.seal();
        ended = true;
        transcript.close();
        try {
            Manifest.write(transcript.file().toAbsolutePath().getParent(), sessionId, transcript.file(), transcript.count(),
                    finalDigest, artifactRefs.values(), key);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the session is sealed (final digest " + finalDigest
                    + ") but its signed manifest could not be written: " + e.getMessage(), e);
        }
        return finalDigest;
    }

    /** The fingerprint of the key that signs this session's seal. */
    public String signerFingerprint() {
        return key.fingerprint();
    }

    /** Closes the transcript without sealing: what a crash leaves. For tests and emergency exits. */
    public void abandon() {
        transcript.close();
        ended = true;
    }

    /** Records one AWS call (any thread). */
    public void recordCall(AwsCall call) {
        if (ended) {
            return;
        }
        ObjectNode n = JSON.valueToTree(call);
        JsonNode response = n.remove("response");
        if (response != null && !response.isNull() && !response.isEmpty()) {
            Artifacts.Ref ref = artifacts.put(response);
            artifactRefs.put(ref.path(), ref);
            n.set("responseArtifact", ref.toJson());
        }
        String step = runningStep;
        if (step != null) {
            n.put("step", step);
        }
        transcript.append("aws.call", n);
    }

    // ---------------------------------------------------------------- guards

    private Optional<String> lockout(Action action, Params prm) {
        if (!action.spec().canLockOut()) {
            return Optional.empty();
        }
        for (ParamSpec p : action.spec().params()) {
            if (p.kind() == dev.irshell.action.ParamKind.ACCESS_KEY_ID) {
                Optional<String> key = prm.optString(p.name());
                return key.isPresent() && key.get().equals(caller.accessKeyId())
                        ? Optional.of(Messages.lockoutKey(key.get(), action.spec().name()))
                        : Optional.empty();
            }
        }
        for (ParamSpec p : action.spec().params()) {
            Optional<String> value = prm.optString(p.name());
            if (p.kind() == dev.irshell.action.ParamKind.USER_NAME && value.isPresent()
                    && value.get().equals(caller.userName())) {
                return Optional.of(Messages.lockoutUser(value.get(), action.spec().name()));
            }
            if (p.kind() == dev.irshell.action.ParamKind.ROLE_NAME && value.isPresent()
                    && value.get().equals(caller.roleName())) {
                return Optional.of(Messages.lockoutRole(value.get(), action.spec().name()));
            }
        }
        return Optional.empty();
    }

    private boolean overrideLockout(StepTree.Slot slot, Action action, Plan plan, String warning) {
        Step step = slot.step();
        String text = Messages.lockoutPrompt(warning);
        append("prompt", obj().put("step", slot.id()).put("kind", "lockout").put("shown", text));
        Approval a = confirmer.confirm(new ConfirmRequest(ConfirmRequest.Kind.LOCKOUT_OVERRIDE, slot.id(), step,
                action.spec().effect(), plan, text, null));
        boolean forced = a.answered() && a.typed() != null && !a.typed().isBlank();
        append("answer", obj().put("step", slot.id()).put("kind", "lockout").put("typed", a.typed()).put("forced", forced));
        return forced;
    }

    /** Asks for confirmation; on anything but a yes, leaves the step waiting and says why. */
    private boolean approved(StepTree.Slot slot, ConfirmRequest.Kind kind, Effect effect, Action action, Plan plan) {
        Approval a = ask(slot, kind, action, plan);
        boolean ok = confirmed(kind, expected(kind, plan), a);
        if (!ok) {
            finish(slot, a.answered() ? StepState.PENDING : StepState.AWAITING, Messages.notConfirmed(kind, expected(kind, plan), a));
        }
        return ok;
    }

    /** Shows a plan and records what was shown and what the operator typed. */
    private Approval ask(StepTree.Slot slot, ConfirmRequest.Kind kind, Action action, Plan plan) {
        String text = Messages.confirmText(kind, slot.step(), action.spec(), plan, caller, options);
        String expected = expected(kind, plan);
        append("prompt", obj().put("step", slot.id()).put("kind", kind.name().toLowerCase()).put("shown", text)
                .put("expected", expected));
        Approval a = confirmer.confirm(new ConfirmRequest(kind, slot.id(), slot.step(), action.spec().effect(), plan, text,
                expected));
        append("answer", obj().put("step", slot.id()).put("kind", kind.name().toLowerCase()).put("typed", a.typed())
                .put("approved", confirmed(kind, expected, a)));
        return a;
    }

    private static String expected(ConfirmRequest.Kind kind, Plan plan) {
        return kind == ConfirmRequest.Kind.DESTROY ? plan.target() : "y";
    }

    /** A destroy needs the resource id typed exactly; anything else needs y or yes. */
    private static boolean confirmed(ConfirmRequest.Kind kind, String expected, Approval a) {
        String typed = a.typed() == null ? null : a.typed().trim();
        return a.answered() && expected != null && (kind == ConfirmRequest.Kind.DESTROY
                ? expected.equals(typed) : "y".equalsIgnoreCase(typed) || "yes".equalsIgnoreCase(typed));
    }

    // ---------------------------------------------------------------- helpers

    private ActionContext actionContext() {
        return new ActionContext(options.region(), caller.account(), sessionId, clock, progress, this::history);
    }

    /** The transcript so far, as entries {seq, ts, type, data}. */
    private List<JsonNode> history() {
        try {
            return TranscriptReader.read(transcript.file()).stream().map(e -> (JsonNode) JSON.createObjectNode()
                    .put("seq", e.seq()).put("ts", e.ts().toString()).put("type", e.type()).set("data", e.data()))
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void fail(StepTree.Slot slot, ActionFailure f) {
        Step step = slot.step();
        Record r = records.get(slot.id());
        r.state = StepState.FAILED;
        r.reason = f.describe();
        ObjectNode end = obj().put("step", slot.id()).put("state", StepState.FAILED.label()).put("reason", r.reason);
        end.set("error", error(f));
        end.put("onFailure", step.onFailure().toString());
        append("step.end", end);
    }

    private static ObjectNode error(ActionFailure f) {
        ObjectNode e = obj().put("kind", f.kind().name().toLowerCase()).put("message", f.getMessage());
        e.put("service", f.service()).put("operation", f.operation()).put("region", f.region())
                .put("errorCode", f.errorCode()).put("requestId", f.requestId());
        if (f.httpStatus() > 0) {
            e.put("httpStatus", f.httpStatus());
        }
        if (f.missingPermission() != null) {
            e.put("missingPermission", f.missingPermission());
        }
        return e;
    }

    private void finish(StepTree.Slot slot, StepState state, String reason) {
        Step step = slot.step();
        Record r = records.get(slot.id());
        r.state = state;
        r.reason = reason;
        ObjectNode end = obj().put("step", slot.id()).put("state", state.label());
        if (reason != null) {
            end.put("reason", reason);
        }
        if (r.decision != null && step.kind() == StepKind.DECISION) {
            end.put("decision", r.decision);
        }
        append("step.end", end);
    }

    private void applyOnFailure(StepTree.Slot slot) {
        OnFailure of = slot.step().onFailure();
        switch (of.kind()) {
            case ABORT -> { }
            case CONTINUE -> advance();
            case GOTO -> position = slots.indexOf(slotOrThrow(slot.frame().prefix + of.gotoStep()));
        }
    }

    /** Moves past the current step to the next one not yet settled, or past the end. */
    private void advance() {
        position++;
        while (position < slots.size() && records.get(slots.get(position).id()).state.settled()) {
            position++;
        }
    }

    private ObjectNode planEntry(StepTree.Slot slot, Action action, Plan plan) {
        ObjectNode p = obj().put("step", slot.id()).put("action", action.spec().name())
                .put("effect", action.spec().effect().name().toLowerCase()).put("account", caller.account())
                .put("summary", plan.summary());
        if (plan.target() != null) {
            p.put("target", plan.target());
        }
        ArrayNode calls = p.putArray("calls");
        plan.calls().forEach(c -> calls.addObject().put("service", c.service()).put("operation", c.operation())
                .put("region", c.region()).set("parameters", c.parameters()));
        return p;
    }

    private StepTree.Slot slotOrThrow(String id) {
        StepTree.Slot s = byId.get(id);
        if (s == null) {
            throw new SessionException(Messages.unknownStep(id, runbook, stepIds()));
        }
        return s;
    }

    private void ensureOpen() {
        if (ended) {
            throw new SessionException(Messages.sessionEnded());
        }
    }

    void append(String type, ObjectNode data) {
        transcript.append(type, data);
    }

    private static ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }
}
