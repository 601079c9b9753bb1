package dev.irshell.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irshell.runbook.Step;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator of a non-interactive run: approvals come only from {@code --approve}, answers only
 * from {@code --answers}. It never reads standard input, so a closed stdin or a pipe answering
 * "y" cannot approve anything. Lock-out overrides are never given.
 */
public final class AnswersConfirmer implements Confirmer {
    private final Set<String> approved;
    private final Map<String, JsonNode> answers;

    /**
     * @param approved step ids whose change or destroy may run
     * @param answers  step id to answer: for a manual step {@code done}, {@code not done}, or
     *                 {@code {answer: done, note: "..."}}; for a decision, the choice id
     */
    public AnswersConfirmer(Set<String> approved, Map<String, JsonNode> answers) {
        this.approved = Set.copyOf(approved);
        this.answers = Map.copyOf(answers);
    }

    @Override
    public Approval confirm(ConfirmRequest request) {
        if (request.kind() == ConfirmRequest.Kind.LOCKOUT_OVERRIDE || !approved.contains(request.stepId())) {
            return Approval.NONE;
        }
        return Approval.typed(request.expected());
    }

    @Override
    public ManualAnswer manual(String stepId, Step step) {
        JsonNode a = answers.get(stepId);
        if (a == null || a.isNull()) {
            return ManualAnswer.NONE;
        }
        String answer = a.isObject() ? a.path("answer").asText("") : a.asText("");
        String note = a.isObject() && a.hasNonNull("note") ? a.get("note").asText() : null;
        return switch (answer.trim().toLowerCase(Locale.ROOT)) {
            case "done", "true", "yes" -> ManualAnswer.done(note);
            case "not done", "false", "no" -> ManualAnswer.notDone(note);
            default -> ManualAnswer.NONE;
        };
    }

    @Override
    public Optional<String> decide(String stepId, Step step) {
        JsonNode a = answers.get(stepId);
        if (a == null || a.isNull()) {
            return Optional.empty();
        }
        return Optional.of(a.isObject() ? a.path("answer").asText() : a.asText());
    }
}
