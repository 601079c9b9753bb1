package dev.irshell.engine;

import dev.irshell.runbook.Step;
import java.util.Optional;

/**
 * How the engine asks the operator. The shell implements it on JLine; non-interactive runs
 * implement it from {@code --approve} and {@code --answers}; tests script it.
 */
public interface Confirmer {
    /** Shows the request's text and returns what the operator typed. */
    Approval confirm(ConfirmRequest request);

    /** Asks whether the manual step was done ({@code stepId}: its id in the session). */
    ManualAnswer manual(String stepId, Step step);

    /** Asks the decision's question; returns the chosen choice id, or empty if nobody can answer. */
    Optional<String> decide(String stepId, Step step);
}
