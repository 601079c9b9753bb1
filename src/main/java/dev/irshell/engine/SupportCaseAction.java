package dev.irshell.engine;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.irshell.action.ReadOperations;
import dev.irshell.action.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code session.supportCase}: the text to paste into the AWS Support case that answers AWS's
 * notification, built from the session's own record: every change completed, when, and the
 * request ids AWS returned, so Support can match them to its logs.
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

    /** One completed change: the step, when it finished, and the AWS calls that made it. */
    private record Change(String step, String name, String finished, String summary, List<String> calls) {}

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<String>> calls = new LinkedHashMap<>();
        List<Change> changes = new ArrayList<>();
        for (JsonNode e : ctx.history().entries()) {
            JsonNode d = e.path("data");
            String step = d.path("step").asText(null);
            switch (e.path("type").asText()) {
                case "step.start" -> names.put(step, d.path("name").asText());
                case "aws.call" -> {
                    String op = d.path("operation").asText();
                    if (step != null && "ok".equals(d.path("outcome").asText()) && !ReadOperations.isRead(op)) {
                        calls.computeIfAbsent(step, k -> new ArrayList<>()).add(d.path("service").asText() + ":" + op
                                + " in " + d.path("region").asText() + " (request id " + d.path("requestId").asText("none") + ")");
                    }
                }
                case "step.end", "undo" -> {
                    List<String> made = calls.remove(step);
                    boolean done = "done".equals(d.path("state").asText()) || "done".equals(d.path("outcome").asText());
                    if (made != null && done) {
                        String what = e.path("type").asText().equals("undo") ? "Undid: " + names.getOrDefault(step, step)
                                : names.getOrDefault(step, step);
                        changes.add(new Change(step, what, e.path("ts").asText(), d.path("summary").asText(""), made));
                    }
                }
                default -> { }
            }
        }
        String text = text(ctx, changes);
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

    private static String text(ActionContext ctx, List<Change> changes) {
        StringBuilder b = new StringBuilder();
        b.append("Account ").append(ctx.accountId()).append(": actions completed in response to your notification of ")
                .append("irregular activity (irshell session ").append(ctx.sessionId()).append(").\n\n");
        if (changes.isEmpty()) {
            b.append("No changes have been made yet.\n");
        }
        int i = 1;
        for (Change c : changes) {
            b.append(i++).append(". ").append(c.finished()).append(" — ").append(c.name());
            if (!c.summary().isBlank()) {
                b.append(": ").append(c.summary());
            }
            b.append('\n');
            c.calls().forEach(call -> b.append("   ").append(call).append('\n'));
        }
        b.append("\nThe full record of this response, with every API call and its request id, is kept as evidence.\n");
        return b.toString();
    }
}
