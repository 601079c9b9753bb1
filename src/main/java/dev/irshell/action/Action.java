package dev.irshell.action;

import java.util.Optional;

/**
 * One thing irshell can do against an account. Implementations are stateless: everything they
 * need comes through the parameters, the context, and the clients they were built with.
 */
public interface Action {
    ActionSpec spec();

    /**
     * The calls {@link #execute} will make, without making any. The engine shows this before a
     * change or destroy (and for every action in a dry run).
     */
    Plan plan(Params params, ActionContext ctx);

    /** Does the work. Throws {@link ActionFailure} for anything AWS or the input refuses. */
    ActionResult execute(Params params, ActionContext ctx);

    /** How to reverse a completed run of this action, if it can be reversed. */
    default Optional<Undo> undo(Params params, ActionResult result) {
        return Optional.empty();
    }
}
