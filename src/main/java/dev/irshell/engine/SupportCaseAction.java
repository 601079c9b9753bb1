package dev.irshell.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.Action;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.Finding;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.Table;
import dev.irshell.report.SupportText;
import java.util.List;
import java.util.Set;

/**
 * {@code session.supportCase}: the text to paste into the AWS Support case that answers AWS's
 * notification, built from the session's own record: every change completed, when, and the
 * request ids AWS returned, so Support can match them to its logs. The text is
 * {@link SupportText}'s, the same as {@code irshell transcript export --format support} gives.
 */
public final class SupportCaseAction implements Action {
    private static final ActionSpec SPEC = new ActionSpec("session.supportCase",
            "the text for the AWS Support case: every change this session made, with times and request ids",
            Effect.READ, List.of(), List.of(), null, null, false);

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        return new Plan("read this session's transcript; no AWS call", List.of(), null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        List<SupportText.Change> changes = SupportText.changes(ctx.history().entries());
        String text = SupportText.text(ctx.accountId(), ctx.sessionId(), changes);
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("pasteText", text);
        ArrayNode list = data.putArray("actions");
        changes.forEach(c -> list.addObject().put("step", c.step()).put("name", c.name()).put("finished", c.finished())
                .put("summary", c.summary()).set("calls", JsonNodeFactory.instance.arrayNode().addAll(
                        c.calls().stream().map(JsonNodeFactory.instance::textNode).toList())));
        List<List<String>> rows = changes.stream().map(c -> List.of(c.finished(), c.name(), String.valueOf(c.calls().size())))
                .toList();
        Table table = new Table("Changes made in this session", List.of("Finished (UTC)", "Action", "AWS calls"), rows, Set.of());
        List<Finding> findings = changes.isEmpty()
                ? List.of(Finding.warn("this session has made no change yet: complete the containment steps before answering AWS"))
                : List.of(Finding.info("paste the text into the AWS Support Center case that carries AWS's notification"));
        return new ActionResult(data, changes.size() + " change(s) to report to AWS Support", List.of(table), findings, List.of());
    }
}
