package dev.irshell.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irshell.action.ReadOperations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text to paste into the AWS Support case that answers AWS's notification: every change the
 * session completed, when, and the request ids AWS returned, so Support can match them to its logs.
 * One implementation for the {@code session.supportCase} action (the session's record so far) and
 * for {@code irshell transcript export --format support} (a finished transcript).
 */
public final class SupportText {
    private SupportText() {}

    /**
     * One completed change: the step, its name as the operator saw it ("Undid: ..." for an undo),
     * when it finished (the transcript's timestamp), its summary, and the AWS calls that changed
     * something ("iam:UpdateAccessKey in aws-global (request id ...)").
     */
    public record Change(String step, String name, String finished, String summary, List<String> calls) {
        public Change {
            calls = List.copyOf(calls);
        }
    }

    /**
     * The completed changes in a session's entries ({@code {ts, type, data}} as the transcript holds
     * them): steps and undos that ended done after at least one successful call that is not a read.
     * Reads, failed calls and steps that did not finish are left out.
     */
    public static List<Change> changes(List<JsonNode> entries) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<String>> calls = new LinkedHashMap<>();
        List<Change> changes = new ArrayList<>();
        for (JsonNode e : entries) {
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
        return changes;
    }

    /** The text itself, for account {@code accountId} and irshell session {@code sessionId}. */
    public static String text(String accountId, String sessionId, List<Change> changes) {
        StringBuilder b = new StringBuilder();
        b.append("Account ").append(accountId).append(": actions completed in response to your notification of ")
                .append("irregular activity (irshell session ").append(sessionId).append(").\n\n");
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

    /**
     * {@code --format support}: the same text from a finished transcript. When the record did not
     * verify (or was never sealed), a warning above the text says so and why, so nobody pastes a
     * damaged record to AWS without knowing.
     */
    public static String render(SessionRecord record) {
        StringBuilder b = new StringBuilder();
        Integrity in = record.integrity();
        if (!in.verified()) {
            b.append(Escape.plain(in.headline())).append('\n');
            in.details().forEach(line -> b.append(Escape.plain(line)).append('\n'));
            b.append("Check the record before pasting the text below; it comes from what could be read.\n\n");
        }
        String account = record.header().account();
        String session = record.header().sessionId();
        b.append(Escape.plain(text(account == null ? "(unknown)" : account, session == null ? "(unknown)" : session,
                changes(record.history()))));
        return b.toString();
    }
}
