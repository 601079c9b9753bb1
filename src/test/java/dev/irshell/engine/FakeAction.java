package dev.irshell.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.irshell.action.Action;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.ParamSpec;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import dev.irshell.action.Undo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** An action for engine tests: records every execution and answers what the test says. */
final class FakeAction implements Action {
    final ActionSpec spec;
    final Function<Params, ActionResult> body;
    final List<Params> executed = new ArrayList<>();
    final String targetParam;

    FakeAction(String name, Effect effect, List<ParamSpec> params, String undo, String targetParam, boolean canLockOut,
               Function<Params, ActionResult> body) {
        this.spec = new ActionSpec(name, name, effect, params, List.of("fake:" + name), undo, targetParam, canLockOut);
        this.body = body;
        this.targetParam = targetParam;
    }

    static FakeAction read(String name, List<ParamSpec> params, Function<Params, ActionResult> body) {
        return new FakeAction(name, Effect.READ, params, null, null, false, body);
    }

    static ActionResult data(String json) {
        try {
            JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            return ActionResult.of(n, "ok");
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public ActionSpec spec() {
        return spec;
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        return new Plan(spec.name() + " " + params, List.of(new PlannedCall("fake", spec.name(), ctx.region(), params.node())),
                targetParam == null ? null : params.optString(targetParam).orElse(null));
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        executed.add(params);
        return body.apply(params);
    }

    @Override
    public Optional<Undo> undo(Params params, ActionResult result) {
        return spec.undoAction() == null ? Optional.empty()
                : Optional.of(new Undo(spec.undoAction(), params.node().deepCopy()));
    }

    static JsonNodeFactory f() {
        return JsonNodeFactory.instance;
    }
}
