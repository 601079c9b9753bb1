package dev.irshell.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One step of a runbook.
 *
 * @param id         unique in the runbook, a camelCase identifier (so expressions can name it)
 * @param name       display name
 * @param doc        guidance shown to the operator, may be empty
 * @param kind       what the step does
 * @param action     the catalogue action (ACTION steps only, else null)
 * @param runbook    the id of the runbook a RUNBOOK step runs (else null)
 * @param with       the action's parameters (the called runbook's inputs for a RUNBOOK step); string
 *                   values may hold {@code ${{ expression }}} templates
 * @param outputs    output name to JMESPath selector over the action's result data (ACTION steps) or
 *                   over the called runbook's {@code {inputs, steps}} (RUNBOOK steps)
 * @param when       JMESPath condition over the session context; null means always
 * @param forEach    JMESPath giving a list (ACTION steps only, else null): the action runs once per
 *                   element, which {@code with} templates see as {@code item}
 * @param requires   step ids that must be done before this one runs
 * @param onFailure  what to do when the step fails
 * @param question   the question of a DECISION step (else null)
 * @param choices    the choices of a DECISION step (else empty)
 * @param pos        where the step starts
 * @param fieldPos   where the value of each of the step's keys starts, and of each
 *                   {@code with.<param>} and {@code outputs.<name>}, for messages
 */
public record Step(
        String id,
        String name,
        String doc,
        StepKind kind,
        String action,
        String runbook,
        Map<String, JsonNode> with,
        Map<String, String> outputs,
        String when,
        String forEach,
        List<String> requires,
        OnFailure onFailure,
        String question,
        List<Choice> choices,
        SourcePos pos,
        Map<String, SourcePos> fieldPos) {

    public SourcePos posOf(String field) {
        return fieldPos.getOrDefault(field, pos);
    }
}
