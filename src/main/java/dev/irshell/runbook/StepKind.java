package dev.irshell.runbook;

/** What a step does. */
public enum StepKind {
    /** Runs an action from the catalogue. */
    ACTION,
    /** The operator does something outside irshell and answers done / not done / a note. */
    MANUAL,
    /** The operator answers a question with one of the step's choices. */
    DECISION
}
