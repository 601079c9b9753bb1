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
    private final List<Step> steps;
    private final ObjectNode inputs;
    private final SessionOptions options;
    private final CallerIdentity caller;
    private final ActionCatalogue catalogue;
    private final TranscriptWriter transcript;
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
        Undo undo;
        boolean undone;
        int attempts;
    }

    Session(Runbook runbook, ObjectNode inputs, SessionOptions options, CallerIdentity caller, ActionCatalogue catalogue,
            TranscriptWriter transcript, Confirmer confirmer, Clock clock, String sessionId, ActionContext.Progress progress) {
        this.runbook = runbook;
        this.steps = runbook.steps();
        this.inputs = inputs;
        this.options = options;
        this.caller = caller;
        this.catalogue = catalogue;
        this.transcript = transcript;
        this.confirmer = confirmer;
        this.clock = clock;
        this.sessionId = sessionId;
        this.progress = progress;
        steps.forEach(s -> records.put(s.id(), new Record()));
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

    /** The current step, or empty when every step has been passed. */
    public Optional<Step> current() {
        return position < steps.size() ? Optional.of(steps.get(position)) : Optional.empty();
    }

    public StepView view(String stepId) {
        Step step = stepOrThrow(stepId);
        Record r = records.get(stepId);
        return new StepView(step, r.state, r.reason, r.outputs.deepCopy(), r.decision, r.note, r.result,
                r.undo != null && !r.undone, r.undone);
    }

    public List<StepView> status() {
        return steps.stream().map(s -> view(s.id())).toList();
    }

    /** Outputs of every step that produced some, by step id. */
    public ObjectNode outputs() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        records.forEach((id, r) -> {
            if (r.outputs.size() > 0) {
                out.set(id, r.outputs.deepCopy());
            }
            if (r.decision != null) {
                out.with(id).put("decision", r.decision);
            }
        });
        return out;
    }

    /** The expression context: what {@code when}, templates and the validator's references see. */
    public ObjectNode context() {
        ObjectNode ctx = JsonNodeFactory.instance.objectNode();
        ctx.set("inputs", inputs.deepCopy());
        ObjectNode st = ctx.putObject("steps");
        records.forEach((id, r) -> {
            ObjectNode s = st.putObject(id);
            s.put("state", r.state.label());
            s.set("outputs", r.outputs.deepCopy());
            s.put("decision", r.decision);
            s.put("note", r.note);
        });
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

    // ---------------------------------------------------------------- navigation

    /** Moves to the next step without running the current one. */
    public Optional<Step> next() {
        ensureOpen();
        if (position < steps.size()) {
            position++;
        }
        return current();
    }

    public Step goTo(String stepId) {
        ensureOpen();
        Step step = stepOrThrow(stepId);
        position = steps.indexOf(step);
        append("goto", obj().put("step", stepId));
        return step;
    }

    public StepView skip(String reason) {
        ensureOpen();
        Step step = current().orElseThrow(() -> new SessionException(Messages.noCurrentStep()));
        if (reason == null || reason.isBlank()) {
            throw new SessionException(Messages.skipNeedsReason());
        }
        Record r = records.get(step.id());
        r.state = StepState.SKIPPED;
        r.reason = "skipped by the operator: " + reason;
        append("step.skip", obj().put("step", step.id()).put("reason", reason).put("by", "operator"));
        advance();
        return view(step.id());
    }

    public void note(String text) {
        ensureOpen();
        if (text == null || text.isBlank()) {
            throw new SessionException(Messages.emptyNote());
        }
        ObjectNode n = obj().put("text", text);
        current().ifPresent(s -> {
            n.put("step", s.id());
            Record r = records.get(s.id());
            r.note = r.note == null ? text : r.note + "\n" + text;
        });
        append("note", n);
    }

    // ---------------------------------------------------------------- running

    /** Runs the current step (whatever its state: a failed or awaiting step is retried). */
    public StepView run() {
        ensureOpen();
        Step step = current().orElseThrow(() -> new SessionException(Messages.noCurrentStep()));
        execute(step);
        Record r = records.get(step.id());
        switch (r.state) {
            case DONE, SKIPPED -> advance();
            case FAILED -> applyOnFailure(step);
            default -> { }
        }
        return view(step.id());
    }

    /**
     * Runs from the current step to the end, as a non-interactive run does: unapproved changes
     * are left awaiting approval and the run goes on; a manual step or decision nobody answers
     * stops it; a failure stops it unless the step says continue or goto.
     */
    public RunStatus runToEnd(Observer observer) {
        ensureOpen();
        boolean awaiting = false;
        while (position < steps.size()) {
            Step step = steps.get(position);
            Record r = records.get(step.id());
            if (r.state.settled()) {
                position++;
                continue;
            }
            if (++r.attempts > MAX_ATTEMPTS_PER_STEP) {
                append("run.stop", obj().put("step", step.id()).put("reason", Messages.loop(step.id(), MAX_ATTEMPTS_PER_STEP)));
                return RunStatus.FAILED;
            }
            observer.starting(step);
            execute(step);
            observer.finished(view(step.id()));
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
                    applyOnFailure(step);
                }
                default -> position++;
            }
        }
        boolean blocked = records.values().stream().anyMatch(r -> r.state == StepState.BLOCKED || r.state == StepState.AWAITING);
        return awaiting || blocked ? RunStatus.AWAITING_OPERATOR : RunStatus.COMPLETED;
    }

    /** Watches a {@link #runToEnd} run step by step, to show progress. */
    public interface Observer {
        void starting(Step step);

        void finished(StepView view);
    }

    private void execute(Step step) {
        Record r = records.get(step.id());
        r.reason = null;
        ObjectNode ctx = context();
        append("step.start", obj().put("step", step.id()).put("name", step.name()).put("kind", step.kind().name().toLowerCase())
                .put("section", runbook.sectionOf(step).title()));
        if (step.when() != null && !evaluator.test(step.when(), ctx)) {
            finish(step, StepState.SKIPPED, Messages.conditionFalse(step.when()));
            return;
        }
        List<String> missing = step.requires().stream()
                .filter(id -> records.get(id).state != StepState.DONE).toList();
        if (!missing.isEmpty()) {
            finish(step, StepState.BLOCKED, Messages.requiresNotDone(missing));
            return;
        }
        switch (step.kind()) {
            case ACTION -> executeAction(step, ctx);
            case MANUAL -> executeManual(step);
            case DECISION -> executeDecision(step);
        }
    }

    private void executeManual(Step step) {
        Record r = records.get(step.id());
        append("prompt", obj().put("step", step.id()).put("kind", "manual").put("shown", Messages.manualPrompt(step)));
        ManualAnswer a = confirmer.manual(step);
        ObjectNode ans = obj().put("step", step.id()).put("kind", "manual").put("answer", a.status().name().toLowerCase());
        if (a.note() != null) {
            ans.put("note", a.note());
        }
        append("answer", ans);
        if (a.note() != null && !a.note().isBlank()) {
            r.note = r.note == null ? a.note() : r.note + "\n" + a.note();
        }
        switch (a.status()) {
            case DONE -> finish(step, StepState.DONE, null);
            case NOT_DONE -> finish(step, StepState.PENDING, Messages.manualNotDone());
            case NONE -> finish(step, StepState.AWAITING, Messages.awaitingAnswer(step));
        }
    }

    private void executeDecision(Step step) {
        Record r = records.get(step.id());
        append("prompt", obj().put("step", step.id()).put("kind", "decision").put("shown", Messages.decisionPrompt(step)));
        Optional<String> choice = confirmer.decide(step);
        if (choice.isEmpty()) {
            append("answer", obj().put("step", step.id()).put("kind", "decision").putNull("answer"));
            finish(step, StepState.AWAITING, Messages.awaitingAnswer(step));
            return;
        }
        String id = choice.get();
        if (step.choices().stream().noneMatch(c -> c.id().equals(id))) {
            append("answer", obj().put("step", step.id()).put("kind", "decision").put("answer", id).put("accepted", false));
            finish(step, StepState.PENDING, Messages.unknownChoice(step, id));
            return;
        }
        append("answer", obj().put("step", step.id()).put("kind", "decision").put("answer", id).put("accepted", true));
        r.decision = id;
        finish(step, StepState.DONE, null);
    }

    private void executeAction(Step step, ObjectNode ctx) {
        Record r = records.get(step.id());
        Action action = catalogue.find(step.action())
                .orElseThrow(() -> new IllegalStateException("validated runbook names unknown action " + step.action()));
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        step.with().forEach((k, v) -> params.set(k, evaluator.expand(v, ctx)));
        for (ParamSpec p : action.spec().params()) {
            JsonNode v = params.get(p.name());
            boolean empty = v == null || v.isNull() || (v.isTextual() && v.textValue().isBlank());
            if (empty && p.required()) {
                JsonNode raw = step.with().get(p.name());
                finish(step, StepState.BLOCKED, Messages.paramEmpty(p.name(), raw == null ? null : raw.asText()));
                return;
            }
            if (!empty && v.isValueNode() && !p.kind().accepts(v.asText())) {
                finish(step, StepState.FAILED, Messages.paramInvalid(p.name(), p.kind().expected(), v.asText()));
                return;
            }
        }
        Params prm = new Params(params);
        ActionContext actx = new ActionContext(options.region(), caller.account(), sessionId, clock, progress);
        Effect effect = action.spec().effect();
        if (effect != Effect.READ) {
            Plan plan;
            try {
                plan = action.plan(prm, actx);
            } catch (ActionFailure f) {
                fail(step, f);
                return;
            }
            append("plan", planEntry(step, action, plan));
            if (options.readOnly()) {
                finish(step, StepState.SKIPPED, Messages.readOnlyWouldExecute(plan));
                return;
            }
            if (options.dryRun()) {
                finish(step, StepState.SKIPPED, Messages.dryRunWouldExecute(plan));
                return;
            }
            Optional<String> lockout = lockout(action, prm);
            if (lockout.isPresent() && !overrideLockout(step, action, plan, lockout.get())) {
                finish(step, StepState.FAILED, lockout.get());
                return;
            }
            if (!approved(step, effect == Effect.DESTROY ? ConfirmRequest.Kind.DESTROY : ConfirmRequest.Kind.CHANGE,
                    effect, action, plan)) {
                return;
            }
        }
        runAction(step, action, prm, actx);
    }

    private void runAction(Step step, Action action, Params prm, ActionContext actx) {
        Record r = records.get(step.id());
        long t0 = System.nanoTime();
        ActionResult result;
        runningStep = step.id();
        try {
            result = action.execute(prm, actx);
        } catch (ActionFailure f) {
            fail(step, f);
            return;
        } finally {
            runningStep = null;
        }
        for (Secret s : result.secrets()) {
            transcript.redactor().addSecret(s.value());
        }
        r.result = result;
        r.outputs = JsonNodeFactory.instance.objectNode();
        step.outputs().forEach((name, selector) -> {
            JsonNode v = evaluator.search(selector, result.data());
            r.outputs.set(name, v == null ? JsonNodeFactory.instance.nullNode() : v);
        });
        r.undo = action.undo(prm, result).orElse(null);
        r.undone = false;
        ObjectNode end = obj().put("step", step.id()).put("state", StepState.DONE.label()).put("summary", result.summary());
        end.set("outputs", r.outputs.deepCopy());
        end.set("findings", findings(result.findings()));
        end.set("data", result.data());
        if (!result.secrets().isEmpty()) {
            ArrayNode shown = end.putArray("secretsShownOnce");
            result.secrets().forEach(s -> shown.add(s.label()));
        }
        if (r.undo != null) {
            end.putObject("undo").put("action", r.undo.action()).set("params", r.undo.params());
        }
        end.put("durationMs", Duration.ofNanos(System.nanoTime() - t0).toMillis());
        r.state = StepState.DONE;
        append("step.end", end);
    }

    /** Undoes a completed change, with the same guards as any change. */
    public StepView undo(String stepId) {
        ensureOpen();
        Step step = stepOrThrow(stepId);
        Record r = records.get(stepId);
        if (r.undo == null || r.undone) {
            throw new SessionException(r.undone ? Messages.alreadyUndone(stepId) : Messages.nothingToUndo(stepId, r.state));
        }
        Action action = catalogue.find(r.undo.action())
                .orElseThrow(() -> new IllegalStateException("undo names unknown action " + r.undo.action()));
        Params prm = new Params((ObjectNode) r.undo.params().deepCopy());
        ActionContext actx = new ActionContext(options.region(), caller.account(), sessionId, clock, progress);
        Plan plan = action.plan(prm, actx);
        append("plan", planEntry(step, action, plan).put("undo", true));
        if (options.readOnly() || options.dryRun()) {
            append("undo", obj().put("step", stepId).put("outcome", "not run").put("reason",
                    options.readOnly() ? Messages.readOnlyWouldExecute(plan) : Messages.dryRunWouldExecute(plan)));
            throw new SessionException(options.readOnly() ? Messages.readOnlyWouldExecute(plan) : Messages.dryRunWouldExecute(plan));
        }
        Optional<String> lockout = lockout(action, prm);
        if (lockout.isPresent() && !overrideLockout(step, action, plan, lockout.get())) {
            throw new SessionException(lockout.get());
        }
        Effect effect = action.spec().effect();
        ConfirmRequest.Kind kind = effect == Effect.DESTROY ? ConfirmRequest.Kind.DESTROY : ConfirmRequest.Kind.UNDO;
        String text = Messages.confirmText(kind, step, action.spec(), plan, caller, options);
        String expected = kind == ConfirmRequest.Kind.DESTROY ? plan.target() : "y";
        append("prompt", obj().put("step", stepId).put("kind", "undo").put("shown", text));
        Approval a = confirmer.confirm(new ConfirmRequest(kind, step, effect, plan, text, expected));
        boolean ok = a.answered() && expected.equals(a.typed() == null ? null : a.typed().trim());
        append("answer", obj().put("step", stepId).put("kind", "undo").put("typed", a.typed()).put("approved", ok));
        if (!ok) {
            throw new SessionException(Messages.notConfirmed(kind, expected, a));
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
        r.undone = true;
        append("undo", obj().put("step", stepId).put("outcome", "done").put("action", action.spec().name())
                .put("summary", result.summary()));
        return view(stepId);
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
        return finalDigest;
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
            if (p.kind() == dev.irshell.action.ParamKind.USER_NAME) {
                Optional<String> user = prm.optString(p.name());
                if (user.isPresent() && user.get().equals(caller.userName())) {
                    return Optional.of(Messages.lockoutUser(user.get(), action.spec().name()));
                }
            }
        }
        return Optional.empty();
    }

    private boolean overrideLockout(Step step, Action action, Plan plan, String warning) {
        String text = Messages.lockoutPrompt(warning);
        append("prompt", obj().put("step", step.id()).put("kind", "lockout").put("shown", text));
        Approval a = confirmer.confirm(new ConfirmRequest(ConfirmRequest.Kind.LOCKOUT_OVERRIDE, step,
                action.spec().effect(), plan, text, null));
        boolean forced = a.answered() && a.typed() != null && !a.typed().isBlank();
        append("answer", obj().put("step", step.id()).put("kind", "lockout").put("typed", a.typed()).put("forced", forced));
        return forced;
    }

    private boolean approved(Step step, ConfirmRequest.Kind kind, Effect effect, Action action, Plan plan) {
        String text = Messages.confirmText(kind, step, action.spec(), plan, caller, options);
        String expected = kind == ConfirmRequest.Kind.DESTROY ? plan.target() : "y";
        append("prompt", obj().put("step", step.id()).put("kind", kind.name().toLowerCase()).put("shown", text)
                .put("expected", expected));
        Approval a = confirmer.confirm(new ConfirmRequest(kind, step, effect, plan, text, expected));
        String typed = a.typed() == null ? null : a.typed().trim();
        boolean ok = a.answered() && expected != null && (kind == ConfirmRequest.Kind.DESTROY
                ? expected.equals(typed) : "y".equalsIgnoreCase(typed) || "yes".equalsIgnoreCase(typed));
        append("answer", obj().put("step", step.id()).put("kind", kind.name().toLowerCase()).put("typed", a.typed())
                .put("approved", ok));
        if (!ok) {
            finish(step, a.answered() ? StepState.PENDING : StepState.AWAITING, Messages.notConfirmed(kind, expected, a));
        }
        return ok;
    }

    // ---------------------------------------------------------------- helpers

    private void fail(Step step, ActionFailure f) {
        Record r = records.get(step.id());
        r.state = StepState.FAILED;
        r.reason = f.describe();
        ObjectNode end = obj().put("step", step.id()).put("state", StepState.FAILED.label()).put("reason", r.reason);
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

    private void finish(Step step, StepState state, String reason) {
        Record r = records.get(step.id());
        r.state = state;
        r.reason = reason;
        ObjectNode end = obj().put("step", step.id()).put("state", state.label());
        if (reason != null) {
            end.put("reason", reason);
        }
        if (r.decision != null && step.kind() == StepKind.DECISION) {
            end.put("decision", r.decision);
        }
        append("step.end", end);
    }

    private void applyOnFailure(Step step) {
        OnFailure of = step.onFailure();
        switch (of.kind()) {
            case ABORT -> { }
            case CONTINUE -> advance();
            case GOTO -> position = steps.indexOf(stepOrThrow(of.gotoStep()));
        }
    }

    /** Moves past the current step to the next one not yet settled, or past the end. */
    private void advance() {
        position++;
        while (position < steps.size() && records.get(steps.get(position).id()).state.settled()) {
            position++;
        }
    }

    private ObjectNode planEntry(Step step, Action action, Plan plan) {
        ObjectNode p = obj().put("step", step.id()).put("action", action.spec().name())
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

    private static ArrayNode findings(List<Finding> findings) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        findings.forEach(f -> a.addObject().put("severity", f.severity().name().toLowerCase()).put("message", f.message()));
        return a;
    }

    private Step stepOrThrow(String id) {
        return runbook.step(id).orElseThrow(() -> new SessionException(Messages.unknownStep(id, runbook)));
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
