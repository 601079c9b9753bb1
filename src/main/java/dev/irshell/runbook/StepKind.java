package dev.irshell.runbook;

/** What a step does. */
public enum StepKind {
    /** Runs an action from the catalogue. */
    ACTION,
    /** The operator does something outside irshell and answers done / not done / a note. */
    MANUAL,
    /** The operator answers a question with one of the step's choices. */
    DECISION,
    /**
     * Runs another runbook's steps in this session: {@code with} gives its inputs, {@code outputs}
     * select from its steps ({@code steps.<id>.outputs.<name>} of the called runbook).
     */
    RUNBOOK
}
