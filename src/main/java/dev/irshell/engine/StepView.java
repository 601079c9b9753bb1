package dev.irshell.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionResult;
import dev.irshell.runbook.Step;

/**
 * A read-only picture of one step's state, for the shell to render.
 *
 * @param reason   why it is skipped, blocked, failed or awaiting (null otherwise)
 * @param result   the last action result (null unless an action ran)
 * @param undoable a completed change whose undo has not run yet
 */
public record StepView(Step step, StepState state, String reason, ObjectNode outputs, String decision, String note,
                       ActionResult result, boolean undoable, boolean undone) {}
