package dev.irshell.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionResult;
import dev.irshell.runbook.Step;

/**
 * A read-only picture of one step's state, for the shell to render.
 *
 * @param id       the step's id in the session: qualified ({@code call.step}) inside a called runbook
 * @param index    0-based place in running order; {@code total} steps in all
 * @param section  the heading the step sits under (prefixed by the called runbook's title inside one)
 * @param reason   why it is skipped, blocked, failed or awaiting (null otherwise)
 * @param result   the last action result (null unless an action ran)
 * @param undoable a completed change whose undo has not run yet
 */
public record StepView(String id, int index, int total, String section, Step step, StepState state, String reason,
                       ObjectNode outputs, String decision, String note, ActionResult result, boolean undoable,
                       boolean undone) {}
