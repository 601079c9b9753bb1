package dev.irshell.engine;

import dev.irshell.action.Effect;
import dev.irshell.action.Plan;
import dev.irshell.runbook.Step;

/**
 * A question put to the operator before a change. {@code text} is exactly what is shown (and
 * recorded); {@code expected} is what must be typed to approve: "y" for a change, the resource
 * id for a destroy, a reason for a lock-out override (any non-blank text). {@code stepId} is the
 * step's id in the session (qualified inside a called runbook).
 */
public record ConfirmRequest(Kind kind, String stepId, Step step, Effect effect, Plan plan, String text, String expected) {
    public enum Kind { CHANGE, DESTROY, LOCKOUT_OVERRIDE, UNDO }
}
